use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::eks::PUBLIC_ACCESS_CIDRS;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags EKS clusters with a public API endpoint that accepts connections from any address
    /// (`0.0.0.0/0` or `::/0`).
    ///
    /// ## Why is this bad?
    /// When the endpoint must stay public, an allow-list of the networks your administrators and
    /// pipelines use is the control that keeps the rest of the internet away from the API
    /// server. EKS allows `0.0.0.0/0` when no list is given.
    ///
    /// ## How to fix
    /// List only the CIDR ranges that need the API in the public access CIDRs, or turn public
    /// access off.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_eks_cluster" "main" {
    ///   name     = "main"
    ///   role_arn = "arn:aws:iam::123456789012:role/eks"
    ///   vpc_config {
    ///     subnet_ids          = ["subnet-1"]
    ///     public_access_cidrs = ["10.2.0.0/16", "0.0.0.0/0"]
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_eks_cluster" "main" {
    ///   name     = "main"
    ///   role_arn = "arn:aws:iam::123456789012:role/eks"
    ///   vpc_config {
    ///     subnet_ids          = ["subnet-1"]
    ///     public_access_cidrs = ["203.0.113.0/24"]
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Cluster:
    ///     Type: AWS::EKS::Cluster
    ///     Properties:
    ///       RoleArn: arn:aws:iam::123456789012:role/eks
    ///       ResourcesVpcConfig:
    ///         SubnetIds: [subnet-1]
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Cluster:
    ///     Type: AWS::EKS::Cluster
    ///     Properties:
    ///       RoleArn: arn:aws:iam::123456789012:role/eks
    ///       ResourcesVpcConfig:
    ///         SubnetIds: [subnet-1]
    ///         PublicAccessCidrs: [203.0.113.0/24]
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks",
    ///   "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"], "PublicAccessCidrs": ["0.0.0.0/0"]}}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks",
    ///   "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"], "EndpointPublicAccess": false, "EndpointPrivateAccess": true}}}}}
    /// ```
    /// ```eksctl,bad
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// ```
    /// ```eksctl,good
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// vpc:
    ///   publicAccessCIDRs: ["203.0.113.0/24"]
    /// ```
    ///
    /// ## References
    /// - [Amazon EKS cluster endpoint access control](https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html)
    /// - CIS Amazon EKS Benchmark 5.4.1; EKS hardening CCE-86182-3; NIST 800-53 AC-3, SC-7
    pub EksPublicAccessCidrs {
        id: "AWS-EKS-003",
        name: "eks-public-access-cidrs",
        severity: High,
        refs: ["CIS EKS 5.4.1", "CCE-86182-3", "NIST 800-53 SC-7"],
        fix: "restrict the public access CIDRs to known networks, or disable public access",
    }
}

const ANYWHERE: [&str; 2] = ["0.0.0.0/0", "::/0"];

impl Check for EksPublicAccessCidrs {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::EksCluster(cluster) = &resource.kind else {
            return;
        };
        if !cluster.endpoint_public_access.is_true() {
            return;
        }
        let Some(cidrs) = cluster.public_access_cidrs.get() else {
            return;
        };
        let name = out.name(&PUBLIC_ACCESS_CIDRS);
        for cidr in cidrs {
            let Some(value) = cidr.get() else { continue };
            if !ANYWHERE.contains(&value.as_str()) {
                continue;
            }
            let message = if cidr.is_default() {
                format!("the public EKS API endpoint accepts any address: `{name}` is not set and defaults to {value}")
            } else {
                format!(
                    "the public EKS API endpoint accepts any address: `{name}` includes {value}"
                )
            };
            out.report_value(&PUBLIC_ACCESS_CIDRS, cidr, message);
        }
    }
}

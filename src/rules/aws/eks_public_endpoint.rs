use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::eks::PUBLIC_ACCESS;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags EKS clusters whose Kubernetes API endpoint is reachable from the internet.
    ///
    /// ## Why is this bad?
    /// A public endpoint exposes the API server, and every vulnerability or leaked credential
    /// that comes with it, to anyone on the internet. EKS makes the endpoint public unless you
    /// say otherwise. With private access only, the API is reachable from the cluster's VPC (and
    /// networks connected to it), which is where administrators and CI runners should be.
    ///
    /// ## How to fix
    /// Turn public access off and private access on. If a public endpoint is unavoidable,
    /// restrict it to known CIDR ranges (see `AWS-EKS-003`).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_eks_cluster" "main" {
    ///   name     = "main"
    ///   role_arn = "arn:aws:iam::123456789012:role/eks"
    ///   vpc_config {
    ///     subnet_ids = ["subnet-1", "subnet-2"]
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_eks_cluster" "main" {
    ///   name     = "main"
    ///   role_arn = "arn:aws:iam::123456789012:role/eks"
    ///   vpc_config {
    ///     subnet_ids              = ["subnet-1", "subnet-2"]
    ///     endpoint_public_access  = false
    ///     endpoint_private_access = true
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Parameters:
    ///   PublicEndpoint:
    ///     Type: String
    ///     Default: "true"
    /// Resources:
    ///   Cluster:
    ///     Type: AWS::EKS::Cluster
    ///     Properties:
    ///       RoleArn: arn:aws:iam::123456789012:role/eks
    ///       ResourcesVpcConfig:
    ///         SubnetIds: [subnet-1, subnet-2]
    ///         EndpointPublicAccess: !Ref PublicEndpoint
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Cluster:
    ///     Type: AWS::EKS::Cluster
    ///     Properties:
    ///       RoleArn: arn:aws:iam::123456789012:role/eks
    ///       ResourcesVpcConfig:
    ///         SubnetIds: [subnet-1, subnet-2]
    ///         EndpointPublicAccess: false
    ///         EndpointPrivateAccess: true
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks",
    ///   "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"], "EndpointPublicAccess": true}}}}}
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
    /// vpc:
    ///   clusterEndpoints:
    ///     publicAccess: true
    /// ```
    /// ```eksctl,good
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// vpc:
    ///   clusterEndpoints:
    ///     publicAccess: false
    ///     privateAccess: true
    /// ```
    ///
    /// ## References
    /// - [Amazon EKS cluster endpoint access control](https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html)
    /// - CIS Amazon EKS Benchmark 5.4.2; EKS hardening CCE-88813-1; NIST 800-53 SC-7
    pub EksPublicEndpoint {
        id: "AWS-EKS-002",
        name: "eks-public-endpoint",
        severity: High,
        refs: ["CIS EKS 5.4.2", "CCE-88813-1", "NIST 800-53 SC-7"],
        fix: "set endpoint public access to false and endpoint private access to true",
    }
}

impl Check for EksPublicEndpoint {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::EksCluster(cluster) = &resource.kind else {
            return;
        };
        let public = &cluster.endpoint_public_access;
        if !public.is_true() {
            return;
        }
        let name = out.name(&PUBLIC_ACCESS);
        let message = if public.is_default() {
            format!("the EKS API endpoint is public: `{name}` is not set and defaults to true")
        } else {
            format!("the EKS API endpoint is public: `{name}` is true")
        };
        out.report_value(&PUBLIC_ACCESS, public, message);
    }
}

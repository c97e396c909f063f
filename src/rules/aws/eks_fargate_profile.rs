use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::eks_links::may_belong;
use crate::model::{Attr, Kind, Resource};
use crate::rules::Check;

/// The setting this rule is about: a Fargate profile for the cluster.
const FARGATE_PROFILE: Attr = Attr {
    id: "fargate_profile",
    terraform: "aws_eks_fargate_profile",
    cloudformation: "AWS::EKS::FargateProfile",
    kubernetes: "fargateProfiles",
};

declare_rule! {
    /// ## What it does
    /// Informational: says when an EKS cluster has no Fargate profile in the scan, so untrusted
    /// workloads can only run on shared EC2 nodes.
    ///
    /// A Fargate profile counts when it names the cluster or its cluster cannot be resolved
    /// (an unknown name may be this cluster's). Not every cluster runs untrusted code: this is
    /// a low-severity reminder, meant to be suppressed with a reason where it does not apply.
    ///
    /// ## Why is this bad?
    /// Pods on EC2 nodes share the node's kernel: a container escape reaches every pod on the
    /// node, and the node's IAM role. On Fargate each pod runs in its own micro-VM with its own
    /// kernel, network interface and resources, a stronger boundary for code you do not trust
    /// (customer plugins, build jobs, third-party images).
    ///
    /// ## How to fix
    /// Add a Fargate profile whose selectors match the namespaces (and labels) of untrusted
    /// workloads.
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
    ///     subnet_ids = ["subnet-1", "subnet-2"]
    ///   }
    /// }
    /// resource "aws_eks_fargate_profile" "untrusted" {
    ///   cluster_name           = aws_eks_cluster.main.name
    ///   fargate_profile_name   = "untrusted"
    ///   pod_execution_role_arn = "arn:aws:iam::123456789012:role/fargate"
    ///   subnet_ids             = ["subnet-1"]
    ///   selector {
    ///     namespace = "untrusted"
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
    ///         SubnetIds: [subnet-1, subnet-2]
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Cluster:
    ///     Type: AWS::EKS::Cluster
    ///     Properties:
    ///       RoleArn: arn:aws:iam::123456789012:role/eks
    ///       ResourcesVpcConfig:
    ///         SubnetIds: [subnet-1, subnet-2]
    ///   Untrusted:
    ///     Type: AWS::EKS::FargateProfile
    ///     Properties:
    ///       ClusterName: !Ref Cluster
    ///       PodExecutionRoleArn: arn:aws:iam::123456789012:role/fargate
    ///       Subnets: [subnet-1]
    ///       Selectors:
    ///         - Namespace: untrusted
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks",
    ///   "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]}}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks",
    ///   "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]}}},
    ///   "Untrusted": {"Type": "AWS::EKS::FargateProfile", "Properties": {
    ///   "ClusterName": {"Ref": "Cluster"}, "PodExecutionRoleArn": "arn:aws:iam::123456789012:role/fargate",
    ///   "Selectors": [{"Namespace": "untrusted"}]}}}}
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
    /// fargateProfiles:
    ///   - name: untrusted
    ///     selectors:
    ///       - namespace: untrusted
    /// ```
    ///
    /// ## References
    /// - [AWS Fargate for Amazon EKS](https://docs.aws.amazon.com/eks/latest/userguide/fargate.html)
    /// - CIS Amazon EKS Benchmark 5.6.1; EKS hardening CCE-89091-3; NIST 800-53 SC-39
    pub EksFargateProfile {
        id: "AWS-EKS-008",
        name: "eks-no-fargate-profile",
        severity: Low,
        refs: ["CIS EKS 5.6.1", "CCE-89091-3", "NIST 800-53 SC-39"],
        fix: "run untrusted workloads on Fargate: add a Fargate profile selecting their namespaces",
    }
}

impl Check for EksFargateProfile {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        if !matches!(resource.kind, Kind::EksCluster(_)) {
            return;
        }
        let has_profile = cx.resources.iter().any(|other| match &other.kind {
            Kind::EksFargateProfile(profile) => may_belong(&profile.cluster, resource),
            _ => false,
        });
        if !has_profile {
            out.report_missing(
                &FARGATE_PROFILE,
                format!(
                    "informational: no Fargate profile for this cluster (`{}`), so untrusted workloads share EC2 nodes",
                    out.name(&FARGATE_PROFILE)
                ),
            );
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::eks::{kubernetes_minor, support_ended, CALENDAR_AS_OF, VERSION};
use crate::model::aws::eks_node_group::NODE_VERSION;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags EKS clusters and node groups pinned to a Kubernetes version that EKS no longer
    /// supports, even under extended support.
    ///
    /// The version calendar is `VERSION_CALENDAR` in `src/model/aws/eks.rs`, judged at a fixed
    /// date (`CALENDAR_AS_OF`, 2026-12-01) so results do not change from one day to the next:
    /// Kubernetes 1.31 and older are past the end of extended support then. A version that is
    /// not set (EKS picks its default) or not known is not judged.
    ///
    /// ## Why is this bad?
    /// An unsupported version gets no security patches: known vulnerabilities in the API
    /// server, the kubelet and the add-ons stay open. EKS also upgrades such clusters on its
    /// own schedule, so the version written in the code no longer describes what runs.
    ///
    /// ## How to fix
    /// Upgrade to a version in standard support (one minor version at a time), and keep the
    /// node groups in step with the control plane.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_eks_cluster" "main" {
    ///   name     = "main"
    ///   version  = "1.29"
    ///   role_arn = "arn:aws:iam::123456789012:role/eks"
    ///   vpc_config {
    ///     subnet_ids = ["subnet-1", "subnet-2"]
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_eks_cluster" "main" {
    ///   name     = "main"
    ///   version  = "1.34"
    ///   role_arn = "arn:aws:iam::123456789012:role/eks"
    ///   vpc_config {
    ///     subnet_ids = ["subnet-1", "subnet-2"]
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Cluster:
    ///     Type: AWS::EKS::Cluster
    ///     Properties:
    ///       Version: "1.28"
    ///       RoleArn: arn:aws:iam::123456789012:role/eks
    ///       ResourcesVpcConfig:
    ///         SubnetIds: [subnet-1, subnet-2]
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Cluster:
    ///     Type: AWS::EKS::Cluster
    ///     Properties:
    ///       Version: "1.33"
    ///       RoleArn: arn:aws:iam::123456789012:role/eks
    ///       ResourcesVpcConfig:
    ///         SubnetIds: [subnet-1, subnet-2]
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Workers": {"Type": "AWS::EKS::Nodegroup", "Properties": {
    ///   "ClusterName": "main", "Version": "1.30", "NodeRole": "arn:aws:iam::123456789012:role/nodes",
    ///   "Subnets": ["subnet-1"]}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Workers": {"Type": "AWS::EKS::Nodegroup", "Properties": {
    ///   "ClusterName": "main", "Version": "1.32", "NodeRole": "arn:aws:iam::123456789012:role/nodes",
    ///   "Subnets": ["subnet-1"]}}}}
    /// ```
    /// ```eksctl,bad
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    ///   version: "1.27"
    /// ```
    /// ```eksctl,good
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    ///   version: "1.34"
    /// ```
    ///
    /// ## References
    /// - [Amazon EKS Kubernetes version lifecycle](https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html)
    /// - NIST 800-53 SI-2, SA-22
    pub EksUnsupportedVersion {
        id: "AWS-EKS-015",
        name: "eks-unsupported-kubernetes-version",
        severity: Medium,
        refs: ["NIST 800-53 SI-2", "NIST 800-53 SA-22"],
        fix: "upgrade to a Kubernetes version EKS supports (1.32 or newer as of 2026-12)",
    }
}

impl Check for EksUnsupportedVersion {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let (version, attr) = match &resource.kind {
            Kind::EksCluster(cluster) => (cluster.version.as_ref(), &VERSION),
            Kind::EksNodeGroup(group) => (group.version.as_ref(), &NODE_VERSION),
            _ => return,
        };
        let Some(version) = version else { return };
        let Some(text) = version.get() else { return };
        let Some(ended) = kubernetes_minor(text).and_then(support_ended) else {
            return;
        };
        let when = if ended.is_empty() {
            "long ago".to_string()
        } else {
            format!("on {ended}")
        };
        out.report_value(
            attr,
            version,
            format!("Kubernetes {text} is out of EKS support (extended support ended {when}; as of {CALENDAR_AS_OF}) and gets no security fixes"),
        );
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::eks::LOG_TYPES_ATTR;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags EKS clusters that do not send the Kubernetes audit log to CloudWatch.
    ///
    /// ## Why is this bad?
    /// The audit log records who did what through the Kubernetes API: which identity read a
    /// Secret, created a privileged pod or changed RBAC. Without it an incident cannot be
    /// investigated, and EKS keeps no audit log unless the `audit` log type is enabled.
    ///
    /// ## How to fix
    /// Add `audit` to the cluster's enabled log types.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_eks_cluster" "main" {
    ///   name                      = "main"
    ///   role_arn                  = "arn:aws:iam::123456789012:role/eks"
    ///   enabled_cluster_log_types = ["api"]
    ///   vpc_config {
    ///     subnet_ids = ["subnet-1"]
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_eks_cluster" "main" {
    ///   name                      = "main"
    ///   role_arn                  = "arn:aws:iam::123456789012:role/eks"
    ///   enabled_cluster_log_types = ["api", "audit"]
    ///   vpc_config {
    ///     subnet_ids = ["subnet-1"]
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
    ///       Logging:
    ///         ClusterLogging:
    ///           EnabledTypes:
    ///             - Type: audit
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks",
    ///   "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]},
    ///   "Logging": {"ClusterLogging": {"EnabledTypes": [{"Type": "api"}]}}}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks",
    ///   "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]},
    ///   "Logging": {"ClusterLogging": {"EnabledTypes": [{"Type": "api"}, {"Type": "audit"}]}}}}}}
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
    /// cloudWatch:
    ///   clusterLogging:
    ///     enableTypes: ["audit", "authenticator"]
    /// ```
    ///
    /// ## References
    /// - [Amazon EKS control plane logging](https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html)
    /// - CIS Amazon EKS Benchmark 2.1.1; EKS hardening CCE-87445-3; NIST 800-53 AU-2, AU-12
    pub EksAuditLogging {
        id: "AWS-EKS-004",
        name: "eks-audit-logging-disabled",
        severity: Medium,
        refs: ["CIS EKS 2.1.1", "CCE-87445-3", "NIST 800-53 AU-2", "NIST 800-53 AU-12"],
        fix: "add `audit` to the enabled control-plane log types",
    }
}

impl Check for EksAuditLogging {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::EksCluster(cluster) = &resource.kind else {
            return;
        };
        let types = &cluster.enabled_log_types;
        let Some(list) = types.get() else { return };
        // An unknown entry might be `audit`.
        if list
            .iter()
            .any(|t| t.get().is_none_or(|name| name == "audit"))
        {
            return;
        }
        let name = out.name(&LOG_TYPES_ATTR);
        let message = if types.is_default() {
            format!("the Kubernetes audit log is not collected: `{name}` is not set")
        } else {
            format!("the Kubernetes audit log is not collected: `{name}` does not include `audit`")
        };
        out.report_value(&LOG_TYPES_ATTR, types, message);
    }
}

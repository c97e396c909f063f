use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::eks::{LOG_TYPES, LOG_TYPES_ATTR};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags EKS clusters that do not export all five control-plane log types (`api`, `audit`,
    /// `authenticator`, `controllerManager`, `scheduler`).
    ///
    /// ## Why is this bad?
    /// Each log answers a different question during an incident: `authenticator` maps IAM
    /// identities to Kubernetes users, `api` and `audit` show requests, `controllerManager` and
    /// `scheduler` show what the control plane did in response. A missing type is a blind spot.
    ///
    /// ## How to fix
    /// Enable every log type. The audit log alone is covered by `AWS-EKS-004`.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_eks_cluster" "main" {
    ///   name                      = "main"
    ///   role_arn                  = "arn:aws:iam::123456789012:role/eks"
    ///   enabled_cluster_log_types = ["api", "audit"]
    ///   vpc_config {
    ///     subnet_ids = ["subnet-1"]
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_eks_cluster" "main" {
    ///   name                      = "main"
    ///   role_arn                  = "arn:aws:iam::123456789012:role/eks"
    ///   enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
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
    ///       Logging:
    ///         ClusterLogging:
    ///           EnabledTypes:
    ///             - Type: audit
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
    ///             - Type: api
    ///             - Type: audit
    ///             - Type: authenticator
    ///             - Type: controllerManager
    ///             - Type: scheduler
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks",
    ///   "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]}}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks",
    ///   "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]},
    ///   "Logging": {"ClusterLogging": {"EnabledTypes": [{"Type": "api"}, {"Type": "audit"},
    ///     {"Type": "authenticator"}, {"Type": "controllerManager"}, {"Type": "scheduler"}]}}}}}}
    /// ```
    /// ```eksctl,bad
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// cloudWatch:
    ///   clusterLogging:
    ///     enableTypes: ["audit"]
    /// ```
    /// ```eksctl,good
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// cloudWatch:
    ///   clusterLogging:
    ///     enableTypes: ["*"]
    /// ```
    ///
    /// ## References
    /// - [Amazon EKS control plane logging](https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html)
    /// - CIS Amazon EKS Benchmark 2.1.1; NIST 800-53 AU-2, AU-12
    pub EksControlPlaneLogging {
        id: "AWS-EKS-005",
        name: "eks-control-plane-logging-incomplete",
        severity: Low,
        refs: ["CIS EKS 2.1.1", "NIST 800-53 AU-2", "NIST 800-53 AU-12"],
        fix: "enable the api, audit, authenticator, controllerManager and scheduler log types",
    }
}

impl Check for EksControlPlaneLogging {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::EksCluster(cluster) = &resource.kind else {
            return;
        };
        let types = &cluster.enabled_log_types;
        let Some(list) = types.get() else { return };
        if list.iter().any(|t| t.get().is_none()) {
            return;
        }
        let missing: Vec<&str> = LOG_TYPES
            .iter()
            .copied()
            .filter(|wanted| {
                !list
                    .iter()
                    .any(|t| t.get().is_some_and(|name| name == wanted))
            })
            .collect();
        if missing.is_empty() {
            return;
        }
        let message = format!("control-plane logs not collected: {}", missing.join(", "));
        out.report_value(&LOG_TYPES_ATTR, types, message);
    }
}

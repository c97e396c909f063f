use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::eks_addon::GUARDDUTY_AGENT;
use crate::model::aws::eks_links::may_belong;
use crate::model::{Attr, Kind, Resource};
use crate::parse::Node;
use crate::rules::Check;

const AGENT: Attr = Attr {
    id: "guardduty_agent",
    terraform: "aws_eks_addon",
    cloudformation: "AWS::EKS::Addon",
    kubernetes: "addons",
};

declare_rule! {
    /// ## What it does
    /// Informational: says when an EKS cluster has no GuardDuty runtime monitoring in the scan:
    /// no `aws-guardduty-agent` add-on for it, and no GuardDuty detector feature that enables
    /// (EKS) runtime monitoring, which installs the agent itself.
    ///
    /// Detector features count when their name is `RUNTIME_MONITORING` or
    /// `EKS_RUNTIME_MONITORING` and their status is not known to be `DISABLED`
    /// (`aws_guardduty_detector_feature`, `Features` of `AWS::GuardDuty::Detector`). GuardDuty
    /// is often enabled account-wide outside the cluster's code: suppress with a reason then.
    ///
    /// ## Why is this bad?
    /// Runtime monitoring watches process, file and network activity on the nodes and in
    /// containers, and raises findings for crypto miners, reverse shells and container escapes
    /// that configuration checks cannot see.
    ///
    /// ## How to fix
    /// Enable GuardDuty EKS runtime monitoring with automated agent management, or add the
    /// `aws-guardduty-agent` add-on to the cluster.
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
    /// resource "aws_eks_addon" "guardduty" {
    ///   cluster_name = aws_eks_cluster.main.name
    ///   addon_name   = "aws-guardduty-agent"
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
    ///   Detector:
    ///     Type: AWS::GuardDuty::Detector
    ///     Properties:
    ///       Enable: true
    ///       Features:
    ///         - Name: RUNTIME_MONITORING
    ///           Status: ENABLED
    ///           AdditionalConfiguration:
    ///             - Name: EKS_ADDON_MANAGEMENT
    ///               Status: ENABLED
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks", "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]}}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks", "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]}}},
    ///   "Agent": {"Type": "AWS::EKS::Addon", "Properties": {
    ///   "ClusterName": {"Ref": "Cluster"}, "AddonName": "aws-guardduty-agent"}}}}
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
    /// addons:
    ///   - name: aws-guardduty-agent
    /// ```
    ///
    /// ## References
    /// - [GuardDuty Runtime Monitoring for EKS](https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html)
    /// - NIST 800-53 SI-4
    pub EksGuardDutyRuntimeMonitoring {
        id: "AWS-EKS-016",
        name: "eks-no-guardduty-runtime-monitoring",
        severity: Low,
        refs: ["NIST 800-53 SI-4"],
        fix: "enable GuardDuty EKS runtime monitoring or add the `aws-guardduty-agent` add-on",
    }
}

impl Check for EksGuardDutyRuntimeMonitoring {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        if !matches!(resource.kind, Kind::EksCluster(_)) {
            return;
        }
        let agent = cx.resources.iter().any(|other| match &other.kind {
            Kind::EksAddon(addon) => {
                addon.name.get().is_none_or(|name| name == GUARDDUTY_AGENT)
                    && may_belong(&addon.cluster, resource)
            }
            _ => false,
        });
        if agent || cx.resources.iter().any(enables_runtime_monitoring) {
            return;
        }
        out.report_missing(
            &AGENT,
            "informational: no GuardDuty runtime monitoring for this cluster (no `aws-guardduty-agent` add-on or detector feature in the scan)",
        );
    }
}

fn enables_runtime_monitoring(resource: &Resource) -> bool {
    let features: Vec<&Node> = match resource.type_name.as_str() {
        "aws_guardduty_detector_feature" => vec![&resource.body],
        "AWS::GuardDuty::Detector" => resource
            .body
            .get("Features")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .collect(),
        _ => return false,
    };
    features.into_iter().any(|feature| {
        let name = feature
            .get("name")
            .or_else(|| feature.get("Name"))
            .map(|n| n.as_str().map(str::to_string));
        let status = feature
            .get("status")
            .or_else(|| feature.get("Status"))
            .and_then(Node::as_str);
        let runtime = match name {
            Some(Some(name)) => name.ends_with("RUNTIME_MONITORING"),
            Some(None) => true, // unknown name: may be runtime monitoring
            None => false,
        };
        runtime && status != Some("DISABLED")
    })
}

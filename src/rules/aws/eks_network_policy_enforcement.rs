use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::eks_addon::{CONFIGURATION, VPC_CNI};
use crate::model::aws::eks_links::may_belong;
use crate::model::{Attr, Kind, Resource};
use crate::parse::{Node, NodeKind};
use crate::rules::Check;
use crate::source::FileId;

/// The setting this rule is about when no add-on is declared at all.
const ADDON: Attr = Attr {
    id: "vpc_cni_addon",
    terraform: "aws_eks_addon",
    cloudformation: "AWS::EKS::Addon",
    kubernetes: "addons",
};

declare_rule! {
    /// ## What it does
    /// Flags EKS clusters where nothing enforces Kubernetes NetworkPolicies: the VPC CNI add-on
    /// is not configured with `enableNetworkPolicy: "true"` and no Calico or Cilium
    /// installation is in the scan.
    ///
    /// A `vpc-cni` add-on (`aws_eks_addon`, `AWS::EKS::Addon`, eksctl `addons`) of the cluster
    /// is reported when its configuration is missing or known not to enable network policies.
    /// A cluster without such an add-on is reported on the cluster, unless the scan holds a
    /// Calico or Cilium installation (Tigera operator or Calico resources, a `calico-node` or
    /// `cilium` workload, a `helm_release` of their charts or of the `aws-vpc-cni` chart). Add-ons
    /// whose cluster or configuration is unknown count as enforcing.
    ///
    /// ## Why is this bad?
    /// A NetworkPolicy is only an intention: the CNI plugin enforces it. The VPC CNI ignores
    /// NetworkPolicies unless told otherwise, so namespaces that look isolated accept traffic
    /// from every pod in the cluster, and a compromised pod can reach databases and internal
    /// APIs freely.
    ///
    /// ## How to fix
    /// Configure the `vpc-cni` add-on with `{"enableNetworkPolicy": "true"}` (Kubernetes 1.25 or
    /// newer, VPC CNI 1.14 or newer), or install Calico or Cilium for policy enforcement.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_eks_addon" "vpc_cni" {
    ///   cluster_name = "main"
    ///   addon_name   = "vpc-cni"
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_eks_addon" "vpc_cni" {
    ///   cluster_name         = "main"
    ///   addon_name           = "vpc-cni"
    ///   configuration_values = jsonencode({ enableNetworkPolicy = "true" })
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   VpcCni:
    ///     Type: AWS::EKS::Addon
    ///     Properties:
    ///       ClusterName: main
    ///       AddonName: vpc-cni
    ///       ConfigurationValues: '{"enableNetworkPolicy": "false"}'
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   VpcCni:
    ///     Type: AWS::EKS::Addon
    ///     Properties:
    ///       ClusterName: main
    ///       AddonName: vpc-cni
    ///       ConfigurationValues: '{"enableNetworkPolicy": "true"}'
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
    ///   "VpcCni": {"Type": "AWS::EKS::Addon", "Properties": {
    ///   "ClusterName": {"Ref": "Cluster"}, "AddonName": "vpc-cni",
    ///   "ConfigurationValues": "{\"enableNetworkPolicy\": \"true\"}"}}}}
    /// ```
    /// ```eksctl,bad
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// addons:
    ///   - name: vpc-cni
    /// ```
    /// ```eksctl,good
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// addons:
    ///   - name: vpc-cni
    ///     configurationValues: '{"enableNetworkPolicy": "true"}'
    /// ```
    ///
    /// ## References
    /// - [Limit pod traffic with Kubernetes network policies](https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html)
    /// - CIS Amazon EKS Benchmark 5.4.4; EKS hardening CCE-88207-6; NIST 800-53 SC-7, AC-4
    pub EksNetworkPolicyEnforcement {
        id: "AWS-EKS-009",
        name: "eks-network-policy-not-enforced",
        severity: Medium,
        refs: ["CIS EKS 5.4.4", "CCE-88207-6", "NIST 800-53 SC-7", "NIST 800-53 AC-4"],
        fix: "configure the `vpc-cni` add-on with `enableNetworkPolicy: \"true\"`, or install Calico or Cilium",
    }
}

impl Check for EksNetworkPolicyEnforcement {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        match &resource.kind {
            Kind::EksAddon(addon) if addon.name.get().map(String::as_str) == Some(VPC_CNI) => {
                if other_enforcer(cx.resources) {
                    return;
                }
                match &addon.configuration {
                    None => out.report_missing(
                        &CONFIGURATION,
                        format!(
                            "the VPC CNI add-on does not enforce NetworkPolicies: `{}` is not set, so `enableNetworkPolicy` is false",
                            out.name(&CONFIGURATION)
                        ),
                    ),
                    Some(config) => {
                        if let Some(text) = config.get() {
                            if enables_network_policy(text) == Some(false) {
                                out.report_value(
                                    &CONFIGURATION,
                                    config,
                                    "the VPC CNI add-on does not enforce NetworkPolicies: its configuration does not set `enableNetworkPolicy` to \"true\"",
                                );
                            }
                        }
                    }
                }
            }
            Kind::EksCluster(_) => {
                let has_cni_addon = cx.resources.iter().any(|other| match &other.kind {
                    Kind::EksAddon(addon) => {
                        addon.name.get().is_none_or(|name| name == VPC_CNI)
                            && may_belong(&addon.cluster, resource)
                    }
                    _ => false,
                });
                if has_cni_addon || other_enforcer(cx.resources) {
                    return;
                }
                out.report_missing(
                    &ADDON,
                    "nothing enforces NetworkPolicies in this cluster: no `vpc-cni` add-on with `enableNetworkPolicy` and no Calico or Cilium in the scan",
                );
            }
            _ => {}
        }
    }
}

/// Whether the add-on configuration (JSON or YAML) sets `enableNetworkPolicy` to true; `None`
/// when the text cannot be read.
fn enables_network_policy(text: &str) -> Option<bool> {
    let documents = crate::parse::yaml::parse_stream(text, FileId(0)).ok()?;
    let Some(root) = documents.first() else {
        return Some(false);
    };
    if root.is_null() {
        return Some(false);
    }
    root.as_map()?;
    Some(match root.get("enableNetworkPolicy").map(|n| &n.kind) {
        Some(NodeKind::Bool(on)) => *on,
        Some(NodeKind::Str(text)) => text.eq_ignore_ascii_case("true"),
        None => false,
        Some(_) => return None,
    })
}

/// Whether the scan installs another policy engine: Calico (operator or manifests) or Cilium.
fn other_enforcer(resources: &[Resource]) -> bool {
    resources.iter().any(|r| {
        let api_version = r
            .kubernetes_object()
            .and_then(|o| o.get("apiVersion"))
            .and_then(Node::as_str)
            .unwrap_or_default();
        let name = r
            .kubernetes_object()
            .and_then(|o| o.path(&["metadata", "name"]))
            .and_then(Node::as_str)
            .unwrap_or_default();
        let chart = (r.type_name == "helm_release")
            .then(|| r.body.get("chart").and_then(Node::as_str))
            .flatten()
            .unwrap_or_default();
        api_version.starts_with("operator.tigera.io/")
            || api_version.starts_with("crd.projectcalico.org/")
            || api_version.starts_with("projectcalico.org/")
            || api_version.starts_with("cilium.io/")
            || (matches!(r.kind, Kind::Workload(_)) && matches!(name, "calico-node" | "cilium"))
            // The VPC CNI's own chart may set `enableNetworkPolicy` in values this rule does not
            // read: it counts as enforcing rather than guess.
            || ["calico", "tigera-operator", "cilium", "aws-vpc-cni"]
                .iter()
                .any(|known| chart.contains(known))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configuration_forms() {
        assert_eq!(
            enables_network_policy(r#"{"enableNetworkPolicy": "true"}"#),
            Some(true)
        );
        assert_eq!(
            enables_network_policy("enableNetworkPolicy: true"),
            Some(true)
        );
        assert_eq!(enables_network_policy(r#"{"env": {}}"#), Some(false));
        assert_eq!(enables_network_policy(""), Some(false));
        assert_eq!(enables_network_policy("[1"), None);
    }
}

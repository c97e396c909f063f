use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::aks::AZURE_POLICY;
use crate::model::{Kind, Resource};
use crate::rules::Check;

use super::stated;

declare_rule! {
    /// ## What it does
    /// Flags AKS clusters without the Azure Policy add-on.
    ///
    /// ## Why is this bad?
    /// The add-on runs Gatekeeper in the cluster and enforces Azure Policy definitions at
    /// admission: the Kubernetes pod security baseline and restricted standards, allowed
    /// registries, no privileged containers. Without it, nothing in the cluster refuses a
    /// workload that breaks those rules, and the subscription's compliance view cannot see
    /// inside the cluster.
    ///
    /// ## How to fix
    /// Set `azure_policy_enabled = true` and assign the Kubernetes policy initiatives to the
    /// cluster's scope.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "azurerm_kubernetes_cluster" "main" {
    ///   name                 = "main"
    ///   location             = "westeurope"
    ///   resource_group_name  = "rg"
    ///   dns_prefix           = "main"
    ///   azure_policy_enabled = false
    ///   default_node_pool {
    ///     name    = "system"
    ///     vm_size = "Standard_D4s_v5"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "azurerm_kubernetes_cluster" "main" {
    ///   name                 = "main"
    ///   location             = "westeurope"
    ///   resource_group_name  = "rg"
    ///   dns_prefix           = "main"
    ///   azure_policy_enabled = true
    ///   default_node_pool {
    ///     name    = "system"
    ///     vm_size = "Standard_D4s_v5"
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Azure Policy for Kubernetes clusters](https://learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes)
    /// - NIST 800-53 CM-6, CM-7
    pub AksAzurePolicyDisabled {
        id: "AZ-AKS-005",
        name: "aks-azure-policy-disabled",
        severity: Medium,
        refs: ["NIST 800-53 CM-6", "NIST 800-53 CM-7"],
        fix: "set azure_policy_enabled = true",
    }
}

impl Check for AksAzurePolicyDisabled {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::AksCluster(cluster) = &resource.kind else {
            return;
        };
        let enabled = &cluster.azure_policy;
        if enabled.is_false() {
            out.report_value(
                &AZURE_POLICY,
                enabled,
                format!(
                    "the Azure Policy add-on is off: {}",
                    stated("azure_policy_enabled", enabled)
                ),
            );
        }
    }
}

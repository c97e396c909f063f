use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::aks::LOCAL_ACCOUNT_DISABLED;
use crate::model::{Kind, Resource};
use crate::rules::Check;

use super::stated;

declare_rule! {
    /// ## What it does
    /// Flags AKS clusters that keep local accounts: the static cluster-admin credential that
    /// `az aks get-credentials --admin` hands out.
    ///
    /// ## Why is this bad?
    /// The local admin account bypasses Azure AD: its certificate grants `cluster-admin` to
    /// whoever holds the kubeconfig, cannot be tied to a person, is not subject to MFA or
    /// conditional access, and stays valid until the cluster's certificates are rotated.
    ///
    /// ## How to fix
    /// Set `local_account_disabled = true` (it needs Azure AD integration, see `AZ-AKS-002`).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "azurerm_kubernetes_cluster" "main" {
    ///   name                   = "main"
    ///   location               = "westeurope"
    ///   resource_group_name    = "rg"
    ///   dns_prefix             = "main"
    ///   local_account_disabled = false
    ///   default_node_pool {
    ///     name    = "system"
    ///     vm_size = "Standard_D4s_v5"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "azurerm_kubernetes_cluster" "main" {
    ///   name                   = "main"
    ///   location               = "westeurope"
    ///   resource_group_name    = "rg"
    ///   dns_prefix             = "main"
    ///   local_account_disabled = true
    ///   azure_active_directory_role_based_access_control {
    ///     azure_rbac_enabled = true
    ///   }
    ///   default_node_pool {
    ///     name    = "system"
    ///     vm_size = "Standard_D4s_v5"
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Manage local accounts with AKS-managed Microsoft Entra integration](https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad)
    /// - CIS Azure Kubernetes Service Benchmark 5.5.1; NIST 800-53 AC-2, IA-2
    pub AksLocalAccountsEnabled {
        id: "AZ-AKS-003",
        name: "aks-local-accounts-enabled",
        severity: Medium,
        refs: ["CIS AKS 5.5.1", "NIST 800-53 AC-2", "NIST 800-53 IA-2"],
        fix: "set local_account_disabled = true",
    }
}

impl Check for AksLocalAccountsEnabled {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::AksCluster(cluster) = &resource.kind else {
            return;
        };
        let disabled = &cluster.local_account_disabled;
        if disabled.is_false() {
            out.report_value(
                &LOCAL_ACCOUNT_DISABLED,
                disabled,
                format!(
                    "the static cluster-admin account is available: {}",
                    stated("local_account_disabled", disabled)
                ),
            );
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::aks::AZURE_RBAC;
use crate::model::{Kind, Resource};
use crate::rules::Check;

use super::stated;

declare_rule! {
    /// ## What it does
    /// Flags AKS clusters without Azure AD (Microsoft Entra ID) integration using Azure RBAC
    /// for Kubernetes authorization.
    ///
    /// ## Why is this bad?
    /// Without Azure AD integration, cluster access rests on certificates in kubeconfig files
    /// that cannot be revoked per user, carry no MFA or conditional access, and leave no
    /// identity in the audit log. With Azure RBAC, who may do what in the cluster is granted,
    /// reviewed and revoked with the same Azure role assignments as the rest of the
    /// subscription.
    ///
    /// ## How to fix
    /// Add `azure_active_directory_role_based_access_control { azure_rbac_enabled = true }`
    /// (azurerm 3.x also needs `managed = true` in it), and disable local accounts (see
    /// `AZ-AKS-003`).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "azurerm_kubernetes_cluster" "main" {
    ///   name                = "main"
    ///   location            = "westeurope"
    ///   resource_group_name = "rg"
    ///   dns_prefix          = "main"
    ///   azure_active_directory_role_based_access_control {
    ///     admin_group_object_ids = ["00000000-0000-0000-0000-000000000000"]
    ///   }
    ///   default_node_pool {
    ///     name    = "system"
    ///     vm_size = "Standard_D4s_v5"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "azurerm_kubernetes_cluster" "main" {
    ///   name                = "main"
    ///   location            = "westeurope"
    ///   resource_group_name = "rg"
    ///   dns_prefix          = "main"
    ///   azure_active_directory_role_based_access_control {
    ///     azure_rbac_enabled     = true
    ///     admin_group_object_ids = ["00000000-0000-0000-0000-000000000000"]
    ///   }
    ///   default_node_pool {
    ///     name    = "system"
    ///     vm_size = "Standard_D4s_v5"
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Use Azure RBAC for Kubernetes authorization](https://learn.microsoft.com/azure/aks/manage-azure-rbac)
    /// - CIS Azure Kubernetes Service Benchmark 5.5.1, 5.5.2; NIST 800-53 AC-2, AC-3
    pub AksAzureRbacDisabled {
        id: "AZ-AKS-002",
        name: "aks-azure-rbac-disabled",
        severity: Medium,
        refs: ["CIS AKS 5.5.1", "CIS AKS 5.5.2", "NIST 800-53 AC-2", "NIST 800-53 AC-3"],
        fix: "add azure_active_directory_role_based_access_control { azure_rbac_enabled = true }",
    }
}

impl Check for AksAzureRbacDisabled {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::AksCluster(cluster) = &resource.kind else {
            return;
        };
        let rbac = &cluster.azure_rbac;
        if !rbac.is_false() {
            return;
        }
        let message = match cluster.azure_ad {
            None => "the cluster has no Azure AD integration: there is no \
                     `azure_active_directory_role_based_access_control` block"
                .to_string(),
            Some(_) => format!(
                "Kubernetes authorization does not use Azure RBAC: {}",
                stated("azure_rbac_enabled", rbac)
            ),
        };
        out.report_value(&AZURE_RBAC, rbac, message);
    }
}

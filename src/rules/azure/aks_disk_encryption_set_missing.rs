use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::aks::DISK_ENCRYPTION_SET;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags AKS clusters whose node OS and data disks are encrypted with Microsoft-managed
    /// keys only: no `disk_encryption_set_id`.
    ///
    /// ## Why is this bad?
    /// With platform-managed keys the disks are encrypted, but you cannot rotate, audit or
    /// revoke the key. A disk encryption set backed by your Key Vault key lets you do all three,
    /// and is what many compliance regimes ask for.
    ///
    /// ## How to fix
    /// Create an `azurerm_disk_encryption_set` with a Key Vault key and set the cluster's
    /// `disk_encryption_set_id` to it (only possible when the cluster is created).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "azurerm_kubernetes_cluster" "main" {
    ///   name                = "main"
    ///   location            = "westeurope"
    ///   resource_group_name = "rg"
    ///   dns_prefix          = "main"
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
    ///   disk_encryption_set_id = azurerm_disk_encryption_set.aks.id
    ///   default_node_pool {
    ///     name    = "system"
    ///     vm_size = "Standard_D4s_v5"
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Bring your own keys (BYOK) with Azure managed disks in AKS](https://learn.microsoft.com/azure/aks/azure-disk-customer-managed-keys)
    /// - NIST 800-53 SC-12, SC-28
    pub AksDiskEncryptionSetMissing {
        id: "AZ-AKS-011",
        name: "aks-disk-encryption-set-missing",
        severity: Low,
        refs: ["NIST 800-53 SC-12", "NIST 800-53 SC-28"],
        fix: "set disk_encryption_set_id to a disk encryption set with your Key Vault key",
    }
}

impl Check for AksDiskEncryptionSetMissing {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::AksCluster(cluster) = &resource.kind else {
            return;
        };
        if cluster.disk_encryption_set_id.is_none() {
            out.report_missing(
                &DISK_ENCRYPTION_SET,
                "node disks are encrypted with Microsoft-managed keys only: \
                 `disk_encryption_set_id` is not set",
            );
        }
    }
}

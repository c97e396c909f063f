use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::aks::{NodePool, HOST_ENCRYPTION};
use crate::model::{Kind, Resource};
use crate::rules::Check;

use super::stated;

declare_rule! {
    /// ## What it does
    /// Flags AKS node pools (`default_node_pool` and `azurerm_kubernetes_cluster_node_pool`)
    /// without encryption at host: `host_encryption_enabled` (azurerm 3.x:
    /// `enable_host_encryption`) is not true.
    ///
    /// ## Why is this bad?
    /// Managed OS and data disks are encrypted at rest by Azure Storage, but a node's temporary
    /// disk, its ephemeral OS disk and the disk caches live on the VM host and are not. Pods'
    /// `emptyDir` volumes, container images and logs, and swapped-out memory are stored there.
    ///
    /// ## How to fix
    /// Set `host_encryption_enabled = true` on every node pool (the subscription needs the
    /// `EncryptionAtHost` feature registered; it can only be set when the pool is created).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "azurerm_kubernetes_cluster_node_pool" "workers" {
    ///   name                  = "workers"
    ///   kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
    ///   vm_size               = "Standard_D4s_v5"
    /// }
    /// ```
    /// ```tf,good
    /// resource "azurerm_kubernetes_cluster_node_pool" "workers" {
    ///   name                    = "workers"
    ///   kubernetes_cluster_id   = azurerm_kubernetes_cluster.main.id
    ///   vm_size                 = "Standard_D4s_v5"
    ///   host_encryption_enabled = true
    /// }
    /// ```
    ///
    /// ## References
    /// - [Host-based encryption on AKS](https://learn.microsoft.com/azure/aks/enable-host-encryption)
    /// - NIST 800-53 SC-28
    pub AksHostEncryptionDisabled {
        id: "AZ-AKS-010",
        name: "aks-host-encryption-disabled",
        severity: Medium,
        refs: ["NIST 800-53 SC-28"],
        fix: "set host_encryption_enabled = true on the node pool",
    }
}

impl Check for AksHostEncryptionDisabled {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let pool: &NodePool = match &resource.kind {
            Kind::AksCluster(cluster) => match &cluster.default_node_pool {
                Some(pool) => pool,
                None => return,
            },
            Kind::AksNodePool(pool) => pool,
            _ => return,
        };
        if pool.host_encryption.is_false() {
            out.report_value(
                &HOST_ENCRYPTION,
                &pool.host_encryption,
                format!(
                    "temporary disks and caches of this node pool are not encrypted: {}",
                    stated("host_encryption_enabled", &pool.host_encryption)
                ),
            );
        }
    }
}

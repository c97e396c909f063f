use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::key_vault::PURGE_PROTECTION;
use crate::model::{Kind, Resource};
use crate::rules::Check;

use super::stated;

declare_rule! {
    /// ## What it does
    /// Flags Key Vaults without purge protection (`purge_protection_enabled`, default false).
    ///
    /// ## Why is this bad?
    /// Soft delete keeps deleted keys, secrets and vaults recoverable, but without purge
    /// protection anyone with the purge permission (or a compromised pipeline) can delete them
    /// for good at once. Keys that encrypt disks, storage or AKS secrets are then lost with the
    /// data they protect, which is exactly what ransomware wants. Azure Disk Encryption sets and
    /// customer-managed keys for storage require purge protection.
    ///
    /// ## How to fix
    /// Set `purge_protection_enabled = true`. It cannot be turned off again, and a purge
    /// protected vault's name stays taken for its retention period after deletion.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "azurerm_key_vault" "kv" {
    ///   name                = "acme-kv"
    ///   location            = "westeurope"
    ///   resource_group_name = "rg"
    ///   tenant_id           = "00000000-0000-0000-0000-000000000000"
    ///   sku_name            = "standard"
    /// }
    /// ```
    /// ```tf,good
    /// resource "azurerm_key_vault" "kv" {
    ///   name                     = "acme-kv"
    ///   location                 = "westeurope"
    ///   resource_group_name      = "rg"
    ///   tenant_id                = "00000000-0000-0000-0000-000000000000"
    ///   sku_name                 = "standard"
    ///   purge_protection_enabled = true
    /// }
    /// ```
    ///
    /// ## References
    /// - [Azure Key Vault soft-delete and purge protection](https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview)
    /// - CIS Microsoft Azure Foundations Benchmark 8.5; NIST 800-53 CP-9, SC-12
    pub KeyVaultPurgeProtection {
        id: "AZ-KV-001",
        name: "key-vault-purge-protection-disabled",
        severity: Medium,
        refs: ["CIS Azure 8.5", "NIST 800-53 CP-9", "NIST 800-53 SC-12"],
        fix: "set purge_protection_enabled = true",
    }
}

impl Check for KeyVaultPurgeProtection {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::KeyVault(vault) = &resource.kind else {
            return;
        };
        if vault.purge_protection.is_false() {
            out.report_value(
                &PURGE_PROTECTION,
                &vault.purge_protection,
                format!(
                    "deleted keys and secrets can be purged at once: {}",
                    stated("purge_protection_enabled", &vault.purge_protection)
                ),
            );
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::key_vault::SOFT_DELETE_RETENTION;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Key Vaults whose soft-delete retention (`soft_delete_retention_days`) is shorter
    /// than Azure's default and maximum of 90 days.
    ///
    /// Soft delete itself is always on: Azure enabled it on every vault and it can no longer be
    /// turned off, and azurerm 3.0 removed the `soft_delete_enabled` argument of 2.x (a 2.x
    /// `soft_delete_enabled = false` has no effect). What remains a choice is how long a deleted
    /// vault, key or secret can be recovered: 7 to 90 days, fixed when the vault is created.
    ///
    /// ## Why is this bad?
    /// A deletion is often noticed late: after a holiday, at the next key rotation, when a
    /// restored backup cannot be decrypted. A short window turns an accident or an attack into
    /// permanent loss of the keys and of the data they encrypt.
    ///
    /// ## How to fix
    /// Remove `soft_delete_retention_days` (the default is 90) or set it to 90.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "azurerm_key_vault" "kv" {
    ///   name                       = "acme-kv"
    ///   location                   = "westeurope"
    ///   resource_group_name        = "rg"
    ///   tenant_id                  = "00000000-0000-0000-0000-000000000000"
    ///   sku_name                   = "standard"
    ///   soft_delete_retention_days = 7
    /// }
    /// ```
    /// ```tf,good
    /// resource "azurerm_key_vault" "kv" {
    ///   name                       = "acme-kv"
    ///   location                   = "westeurope"
    ///   resource_group_name        = "rg"
    ///   tenant_id                  = "00000000-0000-0000-0000-000000000000"
    ///   sku_name                   = "standard"
    ///   soft_delete_retention_days = 90
    /// }
    /// ```
    ///
    /// ## References
    /// - [Azure Key Vault soft-delete overview](https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview)
    /// - [Soft-delete will be enabled on all key vaults](https://learn.microsoft.com/azure/key-vault/general/soft-delete-change)
    /// - CIS Microsoft Azure Foundations Benchmark 8.5; NIST 800-53 CP-9
    pub KeyVaultSoftDeleteRetention {
        id: "AZ-KV-002",
        name: "key-vault-short-soft-delete-retention",
        severity: Low,
        refs: ["CIS Azure 8.5", "NIST 800-53 CP-9"],
        fix: "set soft_delete_retention_days = 90 (the default)",
    }
}

/// Azure's default, which is also the longest retention it allows.
const FULL_RETENTION_DAYS: f64 = 90.0;

impl Check for KeyVaultSoftDeleteRetention {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::KeyVault(vault) = &resource.kind else {
            return;
        };
        let days = &vault.soft_delete_retention_days;
        if let Some(&value) = days.get() {
            if value < FULL_RETENTION_DAYS {
                out.report_value(
                    &SOFT_DELETE_RETENTION,
                    days,
                    format!(
                        "deleted keys and secrets can be recovered for {value} days only, not the \
                         full {FULL_RETENTION_DAYS} days"
                    ),
                );
            }
        }
    }
}

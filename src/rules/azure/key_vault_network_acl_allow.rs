use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::key_vault::NETWORK_DEFAULT_ACTION;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Key Vaults that accept traffic from any network: public network access is on (the
    /// default) and `network_acls.default_action` is not `Deny` (no `network_acls` block allows
    /// every network).
    ///
    /// ## Why is this bad?
    /// Access policies and RBAC still apply, but the vault's data plane is then reachable from
    /// the whole internet for password spraying, token replay with stolen credentials and any
    /// future vulnerability. A firewall that denies by default limits that to the networks your
    /// workloads run in.
    ///
    /// ## How to fix
    /// Add `network_acls { default_action = "Deny", bypass = "AzureServices" }` with the
    /// subnets and IP ranges that need the vault, or set `public_network_access_enabled = false`
    /// and use a private endpoint.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "azurerm_key_vault" "kv" {
    ///   name                = "acme-kv"
    ///   location            = "westeurope"
    ///   resource_group_name = "rg"
    ///   tenant_id           = "00000000-0000-0000-0000-000000000000"
    ///   sku_name            = "standard"
    ///   network_acls {
    ///     default_action = "Allow"
    ///     bypass         = "AzureServices"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "azurerm_key_vault" "kv" {
    ///   name                = "acme-kv"
    ///   location            = "westeurope"
    ///   resource_group_name = "rg"
    ///   tenant_id           = "00000000-0000-0000-0000-000000000000"
    ///   sku_name            = "standard"
    ///   network_acls {
    ///     default_action             = "Deny"
    ///     bypass                     = "AzureServices"
    ///     virtual_network_subnet_ids = [azurerm_subnet.aks.id]
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Configure Azure Key Vault networking settings](https://learn.microsoft.com/azure/key-vault/general/how-to-azure-key-vault-network-security)
    /// - NIST 800-53 SC-7, AC-4
    pub KeyVaultNetworkAclAllow {
        id: "AZ-KV-003",
        name: "key-vault-network-acl-allow",
        severity: Medium,
        refs: ["NIST 800-53 SC-7", "NIST 800-53 AC-4"],
        fix: "add network_acls { default_action = \"Deny\" } or disable public network access",
    }
}

impl Check for KeyVaultNetworkAclAllow {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::KeyVault(vault) = &resource.kind else {
            return;
        };
        if !vault.public_network_access.is_true() {
            return;
        }
        let action = &vault.network_default_action;
        let Some(text) = action.get() else {
            return;
        };
        if text.eq_ignore_ascii_case("Deny") {
            return;
        }
        let message = if action.is_default() {
            "the vault accepts traffic from every network: there is no `network_acls` block with \
             `default_action = \"Deny\"`"
                .to_string()
        } else {
            format!("the vault accepts traffic from every network: `default_action` is `{text}`")
        };
        out.report_value(&NETWORK_DEFAULT_ACTION, action, message);
    }
}

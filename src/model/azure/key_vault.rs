//! Azure Key Vault (`azurerm_key_vault`).

use crate::model::{Attr, Val};

#[derive(Debug)]
pub struct Vault {
    /// Whether deleted vaults and objects cannot be purged before their retention ends
    /// (default: no).
    pub purge_protection: Val<bool>,
    /// How long deleted vaults and objects can be recovered, 7 to 90 days (default: 90).
    /// Soft delete itself can no longer be turned off.
    pub soft_delete_retention_days: Val<f64>,
    /// Whether the vault accepts traffic from public networks (default: yes).
    pub public_network_access: Val<bool>,
    /// `network_acls.default_action`; without `network_acls` every network is allowed.
    pub network_default_action: Val<String>,
}

pub const PURGE_PROTECTION: Attr = Attr::uniform("purge_protection_enabled");
pub const SOFT_DELETE_RETENTION: Attr = Attr::uniform("soft_delete_retention_days");
pub const NETWORK_DEFAULT_ACTION: Attr = Attr::uniform("network_acls.default_action");

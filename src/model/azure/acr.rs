//! Azure Container Registry (`azurerm_container_registry`).

use crate::model::{Attr, Val};

#[derive(Debug)]
pub struct Registry {
    /// `Basic`, `Standard` or `Premium`, when known.
    pub sku: Option<Val<String>>,
    /// Whether the shared admin user (a username and password for the whole registry) is
    /// enabled (default: no).
    pub admin_enabled: Val<bool>,
    /// Whether the registry accepts traffic from public networks (default: yes).
    pub public_network_access: Val<bool>,
    /// `network_rule_set.default_action` (default `Allow`): `Deny` limits public access to the
    /// listed IP ranges.
    pub network_default_action: Val<String>,
    /// Whether anyone may pull without credentials (default: no).
    pub anonymous_pull: Val<bool>,
    /// Whether pushed images are held until a scanner releases them (default: no).
    pub quarantine: Val<bool>,
    /// Whether content trust (signed images) is on: 4.x `trust_policy_enabled`, 3.x
    /// `trust_policy { enabled }` (default: no).
    pub trust_policy: Val<bool>,
}

pub const ADMIN_ENABLED: Attr = Attr::uniform("admin_enabled");
pub const PUBLIC_NETWORK_ACCESS: Attr = Attr::uniform("public_network_access_enabled");
pub const ANONYMOUS_PULL: Attr = Attr::uniform("anonymous_pull_enabled");
pub const QUARANTINE: Attr = Attr::uniform("quarantine_policy_enabled");

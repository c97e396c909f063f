//! `azurerm_key_vault` to [`Vault`], with the provider's and Azure's defaults.
//!
//! `soft_delete_enabled` (azurerm 2.x) is not read: Azure turned soft delete on for every vault
//! and it can no longer be switched off, so only its retention period is a setting.

use crate::adapt::read::{bool_field, field, key_span_or, str_field};
use crate::model::azure::key_vault::Vault;
use crate::model::Val;
use crate::parse::{Node, NodeKind};
use crate::source::Span;

pub fn vault(body: &Node, header: Span) -> Vault {
    let root = Some(body);
    let acls = field(root, "network_acls");
    Vault {
        purge_protection: bool_field(root, "purge_protection_enabled")
            .unwrap_or_else(|| Val::default(false, header)),
        soft_delete_retention_days: field(root, "soft_delete_retention_days")
            .map(|node| {
                Val::from_node(node, "a number", |n| match &n.kind {
                    NodeKind::Number(days) => Some(*days),
                    NodeKind::Str(text) => text.trim().parse().ok(),
                    _ => None,
                })
            })
            .unwrap_or_else(|| Val::default(90.0, header)),
        public_network_access: bool_field(root, "public_network_access_enabled")
            .unwrap_or_else(|| Val::default(true, header)),
        network_default_action: str_field(acls, "default_action").unwrap_or_else(|| {
            Val::default(
                "Allow".to_string(),
                key_span_or(root, "network_acls", header),
            )
        }),
    }
}

//! `azurerm_container_registry` to [`Registry`], with the provider's defaults.

use crate::adapt::read::{bool_field, field, key_span_or, str_field};
use crate::model::azure::acr::Registry;
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn registry(body: &Node, header: Span) -> Registry {
    let root = Some(body);
    let rules = field(root, "network_rule_set");
    // 3.x wrote content trust as a block, 4.x as a flag.
    let trust_policy = bool_field(root, "trust_policy_enabled")
        .or_else(|| bool_field(field(root, "trust_policy"), "enabled"))
        .unwrap_or_else(|| Val::default(false, header));
    Registry {
        sku: str_field(root, "sku"),
        admin_enabled: bool_field(root, "admin_enabled")
            .unwrap_or_else(|| Val::default(false, header)),
        public_network_access: bool_field(root, "public_network_access_enabled")
            .unwrap_or_else(|| Val::default(true, header)),
        network_default_action: str_field(rules, "default_action").unwrap_or_else(|| {
            Val::default(
                "Allow".to_string(),
                key_span_or(root, "network_rule_set", header),
            )
        }),
        anonymous_pull: bool_field(root, "anonymous_pull_enabled")
            .unwrap_or_else(|| Val::default(false, header)),
        quarantine: bool_field(root, "quarantine_policy_enabled")
            .unwrap_or_else(|| Val::default(false, header)),
        trust_policy,
    }
}

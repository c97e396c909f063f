//! `azurerm_kubernetes_cluster` and `azurerm_kubernetes_cluster_node_pool` to the AKS model,
//! and `azurerm_monitor_diagnostic_setting` to the setting that may export a cluster's audit
//! logs.
//!
//! Both azurerm 3.x and 4.x spellings are read: 4.0 renamed `enable_node_public_ip` to
//! `node_public_ip_enabled`, `enable_host_encryption` to `host_encryption_enabled`,
//! `ebpf_data_plane` to `network_data_plane`, and removed the top-level
//! `api_server_authorized_ip_ranges` in favour of `api_server_access_profile`. The newer name
//! wins when both are written.

use crate::adapt::read::{bool_field, field, key_span_or, str_field, str_list_field};
use crate::model::azure::aks::{Cluster, NodePool, SecretsProvider};
use crate::model::azure::monitor::DiagnosticSetting;
use crate::model::Val;
use crate::parse::{Node, NodeKind};
use crate::source::Span;

pub fn cluster(body: &Node, header: Span) -> Cluster {
    let root = Some(body);
    // `dynamic` blocks are already expanded by the evaluator: a block that is not here is not
    // written, and its settings take the provider's defaults.
    let absent = |value, span| Val::default(value, span);

    let profile = field(root, "api_server_access_profile");
    let profile_span = key_span_or(root, "api_server_access_profile", header);
    let authorized_ip_ranges = str_list_field(profile, "authorized_ip_ranges")
        .or_else(|| str_list_field(root, "api_server_authorized_ip_ranges"))
        .unwrap_or_else(|| Val::default(Vec::new(), profile_span));

    let aad_key = "azure_active_directory_role_based_access_control";
    let aad = field(root, aad_key);
    let aad_span = block_span(body, aad_key);
    let network = field(root, "network_profile");
    let secrets = field(root, "key_vault_secrets_provider");
    let secrets_span = block_span(body, "key_vault_secrets_provider");

    Cluster {
        private_cluster: bool_field(root, "private_cluster_enabled")
            .unwrap_or_else(|| Val::default(false, header)),
        authorized_ip_ranges,
        azure_ad: aad_span,
        azure_rbac: bool_field(aad, "azure_rbac_enabled").unwrap_or_else(|| match aad_span {
            Some(span) => Val::default(false, span),
            None => absent(false, header),
        }),
        local_account_disabled: bool_field(root, "local_account_disabled")
            .unwrap_or_else(|| Val::default(false, header)),
        network_policy: str_field(network, "network_policy"),
        network_plugin: str_field(network, "network_plugin"),
        network_data_plane: str_field(network, "network_data_plane")
            .or_else(|| str_field(network, "ebpf_data_plane")),
        network_profile: key_span_or(root, "network_profile", header),
        azure_policy: bool_field(root, "azure_policy_enabled")
            .unwrap_or_else(|| Val::default(false, header)),
        oms_agent: match block_span(body, "oms_agent") {
            Some(span) => Val::known(true, span),
            None => absent(false, header),
        },
        secrets_provider: SecretsProvider {
            enabled: match secrets_span {
                Some(span) => Val::known(true, span),
                None => absent(false, header),
            },
            rotation: bool_field(secrets, "secret_rotation_enabled").unwrap_or_else(|| {
                match secrets_span {
                    Some(span) => Val::default(false, span),
                    None => absent(false, header),
                }
            }),
        },
        default_node_pool: body
            .entry("default_node_pool")
            .filter(|e| !e.value.is_null())
            .map(|entry| node_pool(&entry.value, entry.key_span)),
        disk_encryption_set_id: str_field(root, "disk_encryption_set_id"),
    }
}

/// The span of a block's keyword, when the block is written (and not null).
fn block_span(body: &Node, key: &str) -> Option<Span> {
    body.entry(key)
        .filter(|entry| !entry.value.is_null())
        .map(|entry| entry.key_span)
}

/// A node pool's settings; `span` is where its defaults are reported (the `default_node_pool`
/// block or the node pool resource's header).
pub fn node_pool(body: &Node, span: Span) -> NodePool {
    let pool = Some(body);
    NodePool {
        span,
        public_ip: bool_field(pool, "node_public_ip_enabled")
            .or_else(|| bool_field(pool, "enable_node_public_ip"))
            .unwrap_or_else(|| Val::default(false, span)),
        host_encryption: bool_field(pool, "host_encryption_enabled")
            .or_else(|| bool_field(pool, "enable_host_encryption"))
            .unwrap_or_else(|| Val::default(false, span)),
    }
}

pub fn diagnostic_setting(body: &Node) -> DiagnosticSetting {
    let mut categories = Vec::new();
    for entry in body.as_map().unwrap_or_default() {
        let block = Some(&entry.value);
        match entry.key.as_str() {
            // 4.x, and 3.x's newer form.
            "enabled_log" => {
                categories.extend(str_field(block, "category"));
                categories.extend(str_field(block, "category_group"));
            }
            // 3.x's deprecated form, which can also say `enabled = false`.
            "log" => {
                if bool_field(block, "enabled").is_some_and(|enabled| enabled.is_false()) {
                    continue;
                }
                categories.extend(str_field(block, "category"));
                categories.extend(str_field(block, "category_group"));
            }
            _ => {}
        }
    }
    DiagnosticSetting {
        target: field(Some(body), "target_resource_id").and_then(referenced_resource),
        categories,
    }
}

/// The resource an attribute refers to, `azurerm_kubernetes_cluster.main` for
/// `azurerm_kubernetes_cluster.main.id`. The evaluator leaves such a reference unknown ("only
/// known after apply") and names it in the reason; that name is all we need.
fn referenced_resource(node: &Node) -> Option<String> {
    let NodeKind::Unknown(reason) = &node.kind else {
        return None;
    };
    let reference = reason.strip_prefix('`')?.split('`').next()?;
    let mut parts = reference.split('.');
    let type_name = parts.next()?;
    let name = parts.next()?;
    let name = name.split('[').next().unwrap_or(name);
    if !type_name.starts_with("azurerm_") || name.is_empty() {
        return None;
    }
    Some(format!("{type_name}.{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    #[test]
    fn references_name_the_resource_they_point_at() {
        let span = Span::file_start(FileId(0));
        let reference = |reason: &str| referenced_resource(&Node::unknown(span, reason));
        assert_eq!(
            reference("`azurerm_kubernetes_cluster.main.id` is only known after apply").as_deref(),
            Some("azurerm_kubernetes_cluster.main")
        );
        assert_eq!(
            reference("`azurerm_kubernetes_cluster.main[…].id` is only known after apply")
                .as_deref(),
            Some("azurerm_kubernetes_cluster.main")
        );
        assert_eq!(
            reference("`module.aks.cluster_id` is only known after apply"),
            None
        );
        assert_eq!(reference("variable `id` has no default"), None);
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::aks::DIAGNOSTIC_SETTING;
use crate::model::azure::monitor::DiagnosticSetting;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags AKS clusters whose control-plane audit logs are not exported: no
    /// `azurerm_monitor_diagnostic_setting` of the scan targets the cluster, or the ones that do
    /// enable neither the `kube-audit` nor the `kube-audit-admin` category (nor the `audit` or
    /// `allLogs` category group).
    ///
    /// ## Why is this bad?
    /// The API server's audit log records who did what in the cluster: secrets read, pods
    /// exec'd into, role bindings created. AKS keeps it only if a diagnostic setting sends it
    /// to a Log Analytics workspace, a storage account or an event hub; otherwise an incident
    /// cannot be reconstructed.
    ///
    /// ## How to fix
    /// Add a diagnostic setting whose `target_resource_id` is the cluster's `id`, with
    /// `enabled_log { category = "kube-audit-admin" }` (write operations only, cheaper) or
    /// `kube-audit` (everything). A setting whose target cannot be told from the
    /// configuration (an ID string, a variable, a module output) may well be the cluster's, so
    /// while one exists nothing is reported.
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
    ///
    /// resource "azurerm_monitor_diagnostic_setting" "aks" {
    ///   name                       = "aks"
    ///   target_resource_id         = azurerm_kubernetes_cluster.main.id
    ///   log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id
    ///   enabled_log {
    ///     category = "kube-apiserver"
    ///   }
    /// }
    /// ```
    /// ```tf,good
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
    ///
    /// resource "azurerm_monitor_diagnostic_setting" "aks" {
    ///   name                       = "aks"
    ///   target_resource_id         = azurerm_kubernetes_cluster.main.id
    ///   log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id
    ///   enabled_log {
    ///     category = "kube-audit-admin"
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Monitor AKS: resource logs](https://learn.microsoft.com/azure/aks/monitor-aks-reference#resource-logs)
    /// - CIS Azure Kubernetes Service Benchmark 2.1.1; NIST 800-53 AU-2, AU-12
    pub AksAuditLogsNotExported {
        id: "AZ-AKS-007",
        name: "aks-audit-logs-not-exported",
        severity: Medium,
        refs: ["CIS AKS 2.1.1", "NIST 800-53 AU-2", "NIST 800-53 AU-12"],
        fix: "add an azurerm_monitor_diagnostic_setting for the cluster with enabled_log { category = \"kube-audit-admin\" }",
    }
}

/// Categories and category groups that include the API server's audit log.
const AUDIT: [&str; 4] = ["kube-audit", "kube-audit-admin", "audit", "allLogs"];

impl Check for AksAuditLogsNotExported {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        match &resource.kind {
            Kind::AksCluster(_) => {
                let name = local_address(&resource.address);
                let mut settings = settings(cx);
                // A setting whose target is unknown may be this cluster's.
                if settings.clone().any(|(_, s)| s.target.is_none()) {
                    return;
                }
                // A setting that targets the cluster but lacks audit logs is reported there.
                if !settings.any(|(_, s)| s.target.as_deref() == Some(name.as_str())) {
                    out.report_missing(
                        &DIAGNOSTIC_SETTING,
                        "the cluster's audit logs are not exported: no diagnostic setting \
                         targets it with the `kube-audit` or `kube-audit-admin` category",
                    );
                }
            }
            Kind::DiagnosticSetting(setting) => {
                let Some(target) = setting.target.as_deref() else {
                    return;
                };
                if !cx.resources.iter().any(|r| {
                    matches!(r.kind, Kind::AksCluster(_)) && local_address(&r.address) == target
                }) {
                    return;
                }
                let cluster_exports = settings(cx)
                    .filter(|(_, s)| s.target.as_deref() == Some(target))
                    .any(|(_, s)| may_export_audit(s));
                if !cluster_exports {
                    out.report_missing(
                        &DIAGNOSTIC_SETTING,
                        format!(
                            "this diagnostic setting of `{target}` does not export its audit \
                             logs: no `kube-audit` or `kube-audit-admin` category is enabled"
                        ),
                    );
                }
            }
            _ => {}
        }
    }
}

fn settings<'a>(
    cx: &'a Context,
) -> impl Iterator<Item = (&'a Resource, &'a DiagnosticSetting)> + Clone {
    cx.resources.iter().filter_map(|r| match &r.kind {
        Kind::DiagnosticSetting(setting) => Some((r, setting)),
        _ => None,
    })
}

/// True unless every category is known and none includes audit logs.
fn may_export_audit(setting: &DiagnosticSetting) -> bool {
    setting
        .categories
        .iter()
        .any(|category| match category.get() {
            None => true,
            Some(name) => AUDIT.iter().any(|audit| audit.eq_ignore_ascii_case(name)),
        })
}

/// `type.name` of an address, as a reference inside its module writes it:
/// `module.aks.azurerm_kubernetes_cluster.main[0]` is `azurerm_kubernetes_cluster.main`.
fn local_address(address: &str) -> String {
    let mut plain = String::with_capacity(address.len());
    let mut depth = 0usize;
    for c in address.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let parts: Vec<&str> = plain.split('.').collect();
    parts[parts.len().saturating_sub(2)..].join(".")
}

#[cfg(test)]
mod tests {
    use super::local_address;

    #[test]
    fn addresses_are_compared_as_written_inside_their_module() {
        assert_eq!(
            local_address("module.aks.azurerm_kubernetes_cluster.main[0]"),
            "azurerm_kubernetes_cluster.main"
        );
        assert_eq!(
            local_address("azurerm_kubernetes_cluster.main[\"a.b\"]"),
            "azurerm_kubernetes_cluster.main"
        );
        assert_eq!(
            local_address("azurerm_kubernetes_cluster.main"),
            "azurerm_kubernetes_cluster.main"
        );
    }
}

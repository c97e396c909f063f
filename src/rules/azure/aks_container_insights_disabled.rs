use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::aks::OMS_AGENT;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags AKS clusters without Azure Monitor Container insights (no `oms_agent` block).
    ///
    /// ## Why is this bad?
    /// Container insights collects container logs, Kubernetes events and node and pod metrics
    /// into a Log Analytics workspace. Without it, container output lives only on the nodes
    /// until it is rotated away, so an intrusion, a crash loop or a cryptominer leaves little
    /// to investigate.
    ///
    /// ## How to fix
    /// Add `oms_agent { log_analytics_workspace_id = ... }` (with
    /// `msi_auth_for_monitoring_enabled = true`). Export the control plane's audit logs too
    /// (see `AZ-AKS-007`).
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
    /// ```
    /// ```tf,good
    /// resource "azurerm_kubernetes_cluster" "main" {
    ///   name                = "main"
    ///   location            = "westeurope"
    ///   resource_group_name = "rg"
    ///   dns_prefix          = "main"
    ///   oms_agent {
    ///     log_analytics_workspace_id      = azurerm_log_analytics_workspace.logs.id
    ///     msi_auth_for_monitoring_enabled = true
    ///   }
    ///   default_node_pool {
    ///     name    = "system"
    ///     vm_size = "Standard_D4s_v5"
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Enable Container insights](https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable)
    /// - NIST 800-53 AU-6, SI-4
    pub AksContainerInsightsDisabled {
        id: "AZ-AKS-006",
        name: "aks-container-insights-disabled",
        severity: Low,
        refs: ["NIST 800-53 AU-6", "NIST 800-53 SI-4"],
        fix: "add an oms_agent block with a Log Analytics workspace",
    }
}

impl Check for AksContainerInsightsDisabled {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::AksCluster(cluster) = &resource.kind else {
            return;
        };
        if cluster.oms_agent.is_false() {
            out.report_missing(
                &OMS_AGENT,
                "Container insights is off: there is no `oms_agent` block, so container logs \
                 and metrics are not collected",
            );
        }
    }
}

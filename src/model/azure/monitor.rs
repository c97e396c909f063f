//! Azure Monitor diagnostic settings (`azurerm_monitor_diagnostic_setting`): which resource's
//! logs go where. Read for the question "are this cluster's audit logs exported?".

use crate::model::Val;

#[derive(Debug)]
pub struct DiagnosticSetting {
    /// The address of the resource of this scan that `target_resource_id` refers to
    /// (`azurerm_kubernetes_cluster.main`), or `None` when it cannot be told (an ID string, a
    /// variable, a module output).
    pub target: Option<String>,
    /// The log categories and category groups it enables (`kube-audit`, `audit`, `allLogs`).
    pub categories: Vec<Val<String>>,
}

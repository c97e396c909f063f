//! `AWS::GuardDuty::Detector` to [`Detector`]. EKS audit logs are configured either by the
//! legacy `DataSources.Kubernetes.AuditLogs.Enable` or by an `EKS_AUDIT_LOGS` entry of
//! `Features`; when both are written, the feature is what GuardDuty applies.

use crate::adapt::read::{bool_field, field, str_value};
use crate::model::aws::guardduty::{Detector, EKS_AUDIT_LOGS};
use crate::model::Val;
use crate::parse::{Node, NodeKind};
use crate::source::Span;

pub fn detector(properties: &Node, header: Span) -> Detector {
    let audit_logs = field(
        field(field(Some(properties), "DataSources"), "Kubernetes"),
        "AuditLogs",
    );
    let legacy = match audit_logs {
        Some(block) if block.is_unknown() => Some(Val::from_bool_node(block)),
        _ => bool_field(audit_logs, "Enable"),
    };
    Detector {
        enabled: bool_field(Some(properties), "Enable")
            .unwrap_or_else(|| Val::unknown("`Enable` is not set", header)),
        eks_audit_logs: feature(properties).or(legacy),
    }
}

/// The `EKS_AUDIT_LOGS` entry of `Features`, as a boolean.
fn feature(properties: &Node) -> Option<Val<bool>> {
    let features = field(Some(properties), "Features")?;
    let Some(items) = features.as_seq() else {
        return Some(Val::from_bool_node(features));
    };
    items.iter().rev().find_map(|item| match &item.kind {
        NodeKind::Unknown(_) => Some(Val::from_bool_node(item)),
        _ if str_value(Some(item), "Name") != Some(EKS_AUDIT_LOGS) => None,
        _ => {
            let status = field(Some(item), "Status")?;
            Some(Val::from_node(
                status,
                "`ENABLED` or `DISABLED`",
                |n| match n.as_str()? {
                    "ENABLED" => Some(true),
                    "DISABLED" => Some(false),
                    _ => None,
                },
            ))
        }
    })
}

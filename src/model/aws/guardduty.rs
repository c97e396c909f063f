//! Amazon GuardDuty detectors and their features (`AWS::GuardDuty::Detector`,
//! `aws_guardduty_detector`, `aws_guardduty_detector_feature`).

use crate::model::aws::link::Link;
use crate::model::{Attr, Val};

#[derive(Debug)]
pub struct Detector {
    /// Whether the detector runs (Terraform default: true; required in CloudFormation).
    pub enabled: Val<bool>,
    /// EKS audit log monitoring as the detector itself configures it, through the legacy
    /// `datasources` block or its `Features` list; `None` when it says nothing.
    pub eks_audit_logs: Option<Val<bool>>,
}

/// A separately managed detector feature (Terraform `aws_guardduty_detector_feature`).
#[derive(Debug)]
pub struct Feature {
    pub detector: Val<Link>,
    /// The feature's name, such as `EKS_AUDIT_LOGS`.
    pub name: Val<String>,
    /// `ENABLED` or `DISABLED`.
    pub status: Val<String>,
}

/// The feature name of EKS audit log monitoring.
pub const EKS_AUDIT_LOGS: &str = "EKS_AUDIT_LOGS";

pub const ENABLE: Attr = Attr {
    id: "enable",
    terraform: "enable",
    cloudformation: "Enable",
    kubernetes: "enable",
};
pub const AUDIT_LOGS: Attr = Attr {
    id: "eks_audit_logs",
    terraform: "datasources.kubernetes.audit_logs.enable",
    cloudformation: "DataSources.Kubernetes.AuditLogs.Enable",
    kubernetes: "eks_audit_logs",
};
pub const FEATURE_STATUS: Attr = Attr {
    id: "eks_audit_logs",
    terraform: "status",
    cloudformation: "Features.Status",
    kubernetes: "status",
};

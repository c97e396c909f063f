use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::guardduty::{AUDIT_LOGS, EKS_AUDIT_LOGS, FEATURE_STATUS};
use crate::model::aws::link::may_reach;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags GuardDuty configurations that turn EKS audit log monitoring off: the detector's
    /// `datasources.kubernetes.audit_logs.enable` (`DataSources.Kubernetes.AuditLogs.Enable`)
    /// is false, its `EKS_AUDIT_LOGS` feature (`Features`) is `DISABLED`, or a Terraform
    /// `aws_guardduty_detector_feature` sets `EKS_AUDIT_LOGS` to `DISABLED`.
    ///
    /// ## Why is this bad?
    /// EKS audit log monitoring is how GuardDuty sees inside the clusters: anonymous access to
    /// the API server, privileged or host-mounting pods, secrets read by unusual identities,
    /// known attack tooling. Without it, GuardDuty only sees the nodes from the outside. The
    /// detector is followed to its separate feature resources (matched through
    /// `detector_id = aws_guardduty_detector.main.id`): a feature that turns the logs on wins
    /// over a `datasources` block that turns them off. Only a configuration that turns the
    /// logs off is reported: whether a detector that says nothing has them depends on how
    /// the account was enrolled.
    ///
    /// ## How to fix
    /// Enable the `EKS_AUDIT_LOGS` feature (an `aws_guardduty_detector_feature` with
    /// `status = "ENABLED"`, or a `Features` entry in CloudFormation).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_guardduty_detector" "main" {
    ///   enable = true
    /// }
    /// resource "aws_guardduty_detector_feature" "eks_audit" {
    ///   detector_id = aws_guardduty_detector.main.id
    ///   name        = "EKS_AUDIT_LOGS"
    ///   status      = "DISABLED"
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_guardduty_detector" "main" {
    ///   enable = true
    /// }
    /// resource "aws_guardduty_detector_feature" "eks_audit" {
    ///   detector_id = aws_guardduty_detector.main.id
    ///   name        = "EKS_AUDIT_LOGS"
    ///   status      = "ENABLED"
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Detector:
    ///     Type: AWS::GuardDuty::Detector
    ///     Properties:
    ///       Enable: true
    ///       DataSources:
    ///         Kubernetes:
    ///           AuditLogs:
    ///             Enable: false
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Detector:
    ///     Type: AWS::GuardDuty::Detector
    ///     Properties:
    ///       Enable: true
    ///       Features:
    ///         - Name: EKS_AUDIT_LOGS
    ///           Status: ENABLED
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Detector": {"Type": "AWS::GuardDuty::Detector", "Properties": {
    ///   "Enable": true, "Features": [{"Name": "EKS_AUDIT_LOGS", "Status": "DISABLED"}]}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Detector": {"Type": "AWS::GuardDuty::Detector", "Properties": {
    ///   "Enable": true, "Features": [{"Name": "EKS_AUDIT_LOGS", "Status": "ENABLED"}]}}}}
    /// ```
    ///
    /// ## References
    /// - [EKS Protection in Amazon GuardDuty](https://docs.aws.amazon.com/guardduty/latest/ug/kubernetes-protection.html)
    /// - NIST 800-53 SI-4, AU-6
    pub GuarddutyEksAuditLogs {
        id: "AWS-GD-002",
        name: "guardduty-eks-audit-logs-disabled",
        severity: Medium,
        refs: ["NIST 800-53 SI-4", "NIST 800-53 AU-6"],
        fix: "enable the GuardDuty `EKS_AUDIT_LOGS` feature",
    }
}

impl Check for GuarddutyEksAuditLogs {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        match &resource.kind {
            Kind::GuardDutyFeature(feature) => {
                let is_audit_logs = feature.name.get().map(String::as_str) == Some(EKS_AUDIT_LOGS);
                if is_audit_logs && feature.status.get().map(String::as_str) == Some("DISABLED") {
                    out.report_value(
                        &FEATURE_STATUS,
                        &feature.status,
                        "GuardDuty EKS audit log monitoring is turned off: `status` is `DISABLED`",
                    );
                }
            }
            Kind::GuardDutyDetector(detector) => {
                let Some(audit_logs) = &detector.eks_audit_logs else {
                    return;
                };
                if detector.enabled.is_false() || !audit_logs.is_false() {
                    return;
                }
                // A separate feature resource for this detector (or one whose detector cannot
                // be told) decides instead; it is judged on its own.
                let overridden = cx.resources.iter().any(|other| match &other.kind {
                    Kind::GuardDutyFeature(feature) if may_reach(other, resource) => {
                        feature.name.get().is_none_or(|name| name == EKS_AUDIT_LOGS)
                            && feature.detector.get().is_none_or(|link| {
                                link.points_at(other, resource, None, cx.resources) != Some(false)
                            })
                    }
                    _ => false,
                });
                if overridden {
                    return;
                }
                out.report_value(
                    &AUDIT_LOGS,
                    audit_logs,
                    "GuardDuty EKS audit log monitoring is turned off for this detector",
                );
            }
            _ => {}
        }
    }
}

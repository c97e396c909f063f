use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::guardduty::ENABLE;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags GuardDuty detectors that are switched off.
    ///
    /// ## Why is this bad?
    /// GuardDuty is the managed threat detection of the account: it reads CloudTrail, VPC flow
    /// logs, DNS logs and, for EKS, the cluster's audit logs, and reports credential misuse,
    /// crypto-mining, and pods that talk to known malicious hosts. A suspended detector keeps
    /// its configuration but detects nothing.
    ///
    /// ## How to fix
    /// Set `enable = true` (the Terraform default; `Enable: true` in CloudFormation).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_guardduty_detector" "main" {
    ///   enable = false
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_guardduty_detector" "main" {
    ///   enable = true
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Detector:
    ///     Type: AWS::GuardDuty::Detector
    ///     Properties:
    ///       Enable: false
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Detector:
    ///     Type: AWS::GuardDuty::Detector
    ///     Properties:
    ///       Enable: true
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Detector": {"Type": "AWS::GuardDuty::Detector", "Properties": {
    ///   "Enable": "false"}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Detector": {"Type": "AWS::GuardDuty::Detector", "Properties": {
    ///   "Enable": "true"}}}}
    /// ```
    ///
    /// ## References
    /// - [What is Amazon GuardDuty?](https://docs.aws.amazon.com/guardduty/latest/ug/what-is-guardduty.html)
    /// - NIST 800-53 SI-4
    pub GuarddutyDisabled {
        id: "AWS-GD-001",
        name: "guardduty-disabled",
        severity: Medium,
        refs: ["NIST 800-53 SI-4"],
        fix: "set `enable` / `Enable` to true on the GuardDuty detector",
    }
}

impl Check for GuarddutyDisabled {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::GuardDutyDetector(detector) = &resource.kind else {
            return;
        };
        if detector.enabled.is_false() {
            let message = format!(
                "the GuardDuty detector is switched off: `{}` is false",
                out.name(&ENABLE)
            );
            out.report_value(&ENABLE, &detector.enabled, message);
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::security_hub::DEFAULT_STANDARDS;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Security Hub accounts that turn the default security standards off while the scan
    /// subscribes to no standard itself.
    ///
    /// ## Why is this bad?
    /// Security Hub's own checks come from the standards it is subscribed to (AWS Foundational
    /// Security Best Practices, CIS AWS Foundations). With `enable_default_standards = false`
    /// (`EnableDefaultStandards: false`) and no `aws_securityhub_standards_subscription`
    /// (`AWS::SecurityHub::Standard`), Security Hub is on but runs no checks: it only collects
    /// other services' findings. When any subscription is part of the scan, standards are
    /// managed explicitly and nothing is reported.
    ///
    /// ## How to fix
    /// Leave `enable_default_standards` at true, or subscribe to the standards you want.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_securityhub_account" "main" {
    ///   enable_default_standards = false
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_securityhub_account" "main" {
    ///   enable_default_standards = false
    /// }
    /// resource "aws_securityhub_standards_subscription" "cis" {
    ///   standards_arn = "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0"
    ///   depends_on    = [aws_securityhub_account.main]
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Hub:
    ///     Type: AWS::SecurityHub::Hub
    ///     Properties:
    ///       EnableDefaultStandards: false
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Hub:
    ///     Type: AWS::SecurityHub::Hub
    ///     Properties:
    ///       EnableDefaultStandards: true
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Hub": {"Type": "AWS::SecurityHub::Hub", "Properties": {
    ///   "EnableDefaultStandards": false}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {
    ///   "Hub": {"Type": "AWS::SecurityHub::Hub", "Properties": {"EnableDefaultStandards": false}},
    ///   "Cis": {"Type": "AWS::SecurityHub::Standard", "Properties": {
    ///     "StandardsArn": "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0"}}}}
    /// ```
    ///
    /// ## References
    /// - [Security standards in Security Hub](https://docs.aws.amazon.com/securityhub/latest/userguide/standards-view-manage.html)
    /// - CIS AWS Foundations Benchmark v3.0.0 4.16; NIST 800-53 CA-7
    pub SecurityhubNoStandards {
        id: "AWS-SH-001",
        name: "securityhub-no-standards",
        severity: Low,
        refs: ["CIS AWS 4.16", "NIST 800-53 CA-7"],
        fix: "keep default standards enabled or subscribe to a security standard",
    }
}

impl Check for SecurityhubNoStandards {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Kind::SecurityHub(hub) = &resource.kind else {
            return;
        };
        if !hub.default_standards.is_false() {
            return;
        }
        let subscribes = cx
            .resources
            .iter()
            .any(|other| matches!(other.kind, Kind::SecurityHubStandard(_)));
        if !subscribes {
            let message = format!(
                "Security Hub runs no security standard: `{}` is false and no standards subscription is defined",
                out.name(&DEFAULT_STANDARDS)
            );
            out.report_value(&DEFAULT_STANDARDS, &hub.default_standards, message);
        }
    }
}

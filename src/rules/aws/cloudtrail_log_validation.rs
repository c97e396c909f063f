use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::cloudtrail::LOG_FILE_VALIDATION;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags CloudTrail trails without log file integrity validation.
    ///
    /// ## Why is this bad?
    /// An attacker who can write to the log bucket can delete or edit the records of what they
    /// did, and nothing would show it. With validation, CloudTrail writes an hourly digest
    /// file, signed and chained, that proves whether each log file was changed or removed. It
    /// is off unless enabled.
    ///
    /// ## How to fix
    /// Set `enable_log_file_validation = true` (`EnableLogFileValidation: true`).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_cloudtrail" "main" {
    ///   name                  = "main"
    ///   s3_bucket_name        = "org-cloudtrail-logs"
    ///   is_multi_region_trail = true
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_cloudtrail" "main" {
    ///   name                       = "main"
    ///   s3_bucket_name             = "org-cloudtrail-logs"
    ///   is_multi_region_trail      = true
    ///   enable_log_file_validation = true
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Trail:
    ///     Type: AWS::CloudTrail::Trail
    ///     Properties:
    ///       IsLogging: true
    ///       S3BucketName: org-cloudtrail-logs
    ///       EnableLogFileValidation: false
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Trail:
    ///     Type: AWS::CloudTrail::Trail
    ///     Properties:
    ///       IsLogging: true
    ///       S3BucketName: org-cloudtrail-logs
    ///       EnableLogFileValidation: true
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {
    ///   "IsLogging": true, "S3BucketName": "org-cloudtrail-logs"}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {
    ///   "IsLogging": true, "S3BucketName": "org-cloudtrail-logs", "EnableLogFileValidation": true}}}}
    /// ```
    ///
    /// ## References
    /// - [Validating CloudTrail log file integrity](https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html)
    /// - CIS AWS Foundations Benchmark v3.0.0 3.2; NIST 800-53 AU-9
    pub CloudtrailLogValidation {
        id: "AWS-CT-002",
        name: "cloudtrail-log-validation-disabled",
        severity: Medium,
        refs: ["CIS AWS 3.2", "NIST 800-53 AU-9"],
        fix: "set `enable_log_file_validation` / `EnableLogFileValidation` to true",
    }
}

impl Check for CloudtrailLogValidation {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::CloudTrail(trail) = &resource.kind else {
            return;
        };
        if !trail.log_file_validation.is_false() {
            return;
        }
        let name = out.name(&LOG_FILE_VALIDATION);
        let message = if trail.log_file_validation.is_default() {
            format!("log file validation is off: `{name}` is not set and defaults to false")
        } else {
            format!("log file validation is off: `{name}` is false")
        };
        out.report_value(&LOG_FILE_VALIDATION, &trail.log_file_validation, message);
    }
}

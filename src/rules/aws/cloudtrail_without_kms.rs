use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::cloudtrail::KMS_KEY;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags CloudTrail trails whose log files are not encrypted with a KMS key.
    ///
    /// ## Why is this bad?
    /// Without a KMS key, the logs are encrypted with S3-managed keys, so anyone allowed to
    /// read the bucket reads every API call of the account — resource names, IP addresses,
    /// request parameters. With SSE-KMS, reading also needs `kms:Decrypt` on a key whose
    /// policy you control, and every use of it is itself logged.
    ///
    /// ## How to fix
    /// Set `kms_key_id` (`KMSKeyId`) to a customer managed key whose policy lets CloudTrail
    /// encrypt with it.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_cloudtrail" "main" {
    ///   name                       = "main"
    ///   s3_bucket_name             = "org-cloudtrail-logs"
    ///   is_multi_region_trail      = true
    ///   enable_log_file_validation = true
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_kms_key" "trail" {
    ///   enable_key_rotation = true
    /// }
    /// resource "aws_cloudtrail" "main" {
    ///   name                       = "main"
    ///   s3_bucket_name             = "org-cloudtrail-logs"
    ///   is_multi_region_trail      = true
    ///   enable_log_file_validation = true
    ///   kms_key_id                 = aws_kms_key.trail.arn
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Trail:
    ///     Type: AWS::CloudTrail::Trail
    ///     Properties:
    ///       IsLogging: true
    ///       S3BucketName: org-cloudtrail-logs
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Trail:
    ///     Type: AWS::CloudTrail::Trail
    ///     Properties:
    ///       IsLogging: true
    ///       S3BucketName: org-cloudtrail-logs
    ///       KMSKeyId: !GetAtt TrailKey.Arn
    ///   TrailKey:
    ///     Type: AWS::KMS::Key
    ///     Properties:
    ///       EnableKeyRotation: true
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {
    ///   "IsLogging": true, "S3BucketName": "org-cloudtrail-logs"}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {
    ///   "IsLogging": true, "S3BucketName": "org-cloudtrail-logs",
    ///   "KMSKeyId": "arn:aws:kms:eu-west-1:123456789012:key/1"}}}}
    /// ```
    ///
    /// ## References
    /// - [Encrypting CloudTrail log files with AWS KMS keys](https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html)
    /// - CIS AWS Foundations Benchmark v3.0.0 3.5; NIST 800-53 AU-9, SC-28
    pub CloudtrailWithoutKms {
        id: "AWS-CT-003",
        name: "cloudtrail-without-kms",
        severity: Medium,
        refs: ["CIS AWS 3.5", "NIST 800-53 AU-9", "NIST 800-53 SC-28"],
        fix: "set `kms_key_id` / `KMSKeyId` to a customer managed KMS key",
    }
}

impl Check for CloudtrailWithoutKms {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::CloudTrail(trail) = &resource.kind else {
            return;
        };
        // Any value, even one known only after apply, names a key.
        if trail.kms_key_id.is_none() {
            let message = format!(
                "the trail's log files are not encrypted with a KMS key: `{}` is not set",
                out.name(&KMS_KEY)
            );
            out.report_missing(&KMS_KEY, message);
        }
    }
}

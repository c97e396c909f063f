use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::cloudtrail::MULTI_REGION;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags CloudTrail trails that record only the region they are created in.
    ///
    /// ## Why is this bad?
    /// An attacker with stolen credentials often works in a region nobody watches: launching
    /// instances for crypto-mining, creating users or keys. A single-region trail has no record
    /// of that. A multi-region trail also captures regions AWS adds later. Trails are
    /// single-region unless configured otherwise.
    ///
    /// ## How to fix
    /// Set `is_multi_region_trail = true` (`IsMultiRegionTrail: true`).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_cloudtrail" "main" {
    ///   name                       = "main"
    ///   s3_bucket_name             = "org-cloudtrail-logs"
    ///   enable_log_file_validation = true
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_cloudtrail" "main" {
    ///   name                       = "main"
    ///   s3_bucket_name             = "org-cloudtrail-logs"
    ///   enable_log_file_validation = true
    ///   is_multi_region_trail      = true
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Trail:
    ///     Type: AWS::CloudTrail::Trail
    ///     Properties:
    ///       IsLogging: true
    ///       S3BucketName: org-cloudtrail-logs
    ///       IsMultiRegionTrail: false
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Trail:
    ///     Type: AWS::CloudTrail::Trail
    ///     Properties:
    ///       IsLogging: true
    ///       S3BucketName: org-cloudtrail-logs
    ///       IsMultiRegionTrail: true
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {
    ///   "IsLogging": true, "S3BucketName": "org-cloudtrail-logs"}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {
    ///   "IsLogging": true, "S3BucketName": "org-cloudtrail-logs", "IsMultiRegionTrail": true}}}}
    /// ```
    ///
    /// ## References
    /// - [Receiving CloudTrail log files from multiple regions](https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html)
    /// - CIS AWS Foundations Benchmark v3.0.0 3.1; NIST 800-53 AU-2, AU-12
    pub CloudtrailSingleRegion {
        id: "AWS-CT-001",
        name: "cloudtrail-single-region",
        severity: Medium,
        refs: ["CIS AWS 3.1", "NIST 800-53 AU-2", "NIST 800-53 AU-12"],
        fix: "set `is_multi_region_trail` / `IsMultiRegionTrail` to true",
    }
}

impl Check for CloudtrailSingleRegion {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::CloudTrail(trail) = &resource.kind else {
            return;
        };
        if !trail.multi_region.is_false() {
            return;
        }
        let name = out.name(&MULTI_REGION);
        let message = if trail.multi_region.is_default() {
            format!("the trail records one region only: `{name}` is not set and defaults to false")
        } else {
            format!("the trail records one region only: `{name}` is false")
        };
        out.report_value(&MULTI_REGION, &trail.multi_region, message);
    }
}

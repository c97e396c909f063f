use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::link::may_reach;
use crate::model::aws::s3::PublicAccessBlock;
use crate::model::{Attr, Kind, Resource, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags S3 Block Public Access configurations that leave any of their four switches off:
    /// a Terraform `aws_s3_bucket_public_access_block` or `aws_s3_account_public_access_block`,
    /// or a bucket's `PublicAccessBlockConfiguration` in CloudFormation.
    ///
    /// ## Why is this bad?
    /// Block Public Access is the guard rail that keeps a bucket private whatever its ACLs and
    /// policy say. With a switch off, one `public-read` ACL or one `"Principal": "*"` policy
    /// statement publishes the bucket — for log buckets, every record of the account's
    /// activity. S3 turns all four switches on for new buckets, so a bucket without any
    /// configuration is not reported; but a configuration that is written replaces that, and
    /// a switch it leaves out is off. A switch that an account-level block in the same scan
    /// turns on is not reported for buckets. In Terraform, the configuration is a resource of
    /// its own, linked to the bucket through `bucket = aws_s3_bucket.logs.id`; the finding
    /// names it.
    ///
    /// ## How to fix
    /// Set `block_public_acls`, `ignore_public_acls`, `block_public_policy` and
    /// `restrict_public_buckets` to true (`BlockPublicAcls`, `IgnorePublicAcls`,
    /// `BlockPublicPolicy`, `RestrictPublicBuckets`).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_s3_bucket" "logs" {
    ///   bucket = "org-access-logs"
    /// }
    /// resource "aws_s3_bucket_public_access_block" "logs" {
    ///   bucket              = aws_s3_bucket.logs.id
    ///   block_public_acls   = true
    ///   block_public_policy = false
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_s3_bucket" "logs" {
    ///   bucket = "org-access-logs"
    /// }
    /// resource "aws_s3_bucket_public_access_block" "logs" {
    ///   bucket                  = aws_s3_bucket.logs.id
    ///   block_public_acls       = true
    ///   ignore_public_acls      = true
    ///   block_public_policy     = true
    ///   restrict_public_buckets = true
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Logs:
    ///     Type: AWS::S3::Bucket
    ///     Properties:
    ///       PublicAccessBlockConfiguration:
    ///         BlockPublicAcls: true
    ///         IgnorePublicAcls: true
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Logs:
    ///     Type: AWS::S3::Bucket
    ///     Properties:
    ///       PublicAccessBlockConfiguration:
    ///         BlockPublicAcls: true
    ///         IgnorePublicAcls: true
    ///         BlockPublicPolicy: true
    ///         RestrictPublicBuckets: true
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Logs": {"Type": "AWS::S3::Bucket", "Properties": {
    ///   "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true,
    ///     "BlockPublicPolicy": false, "RestrictPublicBuckets": true}}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Logs": {"Type": "AWS::S3::Bucket", "Properties": {}}}}
    /// ```
    ///
    /// ## References
    /// - [Blocking public access to your Amazon S3 storage](https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html)
    /// - CIS AWS Foundations Benchmark v3.0.0 2.1.4; NIST 800-53 AC-3, AC-21
    pub S3PublicAccessBlockDisabled {
        id: "AWS-S3-001",
        name: "s3-public-access-block-disabled",
        severity: High,
        refs: ["CIS AWS 2.1.4", "NIST 800-53 AC-3", "NIST 800-53 AC-21"],
        fix: "set all four Block Public Access switches to true",
    }
}

impl Check for S3PublicAccessBlockDisabled {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let block = match &resource.kind {
            Kind::S3PublicAccessBlock(block) => block,
            Kind::S3Bucket(bucket) => match &bucket.public_access_block {
                Some(block) => block,
                None => return,
            },
            _ => return,
        };
        let subject = if block.account {
            "this account"
        } else {
            "the bucket"
        };
        let mut defaulted: Vec<&'static str> = Vec::new();
        let mut first_default: Option<(&Attr, &Val<bool>)> = None;
        for (index, (attr, switch)) in block.switches().into_iter().enumerate() {
            if !switch.is_false() || (!block.account && account_turns_on(cx, resource, index)) {
                continue;
            }
            let name = out.name(attr);
            if switch.is_default() {
                defaulted.push(name);
                first_default.get_or_insert((attr, switch));
            } else {
                let message = format!(
                    "S3 Block Public Access is not fully on for {subject}: `{name}` is false"
                );
                out.report_value(attr, switch, message);
            }
        }
        if let Some((attr, switch)) = first_default {
            let names = defaulted
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let verb = if defaulted.len() == 1 {
                "is not set and defaults"
            } else {
                "are not set and default"
            };
            let message = format!(
                "S3 Block Public Access is not fully on for {subject}: {names} {verb} to false"
            );
            out.report_value(attr, switch, message);
        }
    }
}

/// Whether an account-level block elsewhere in the scan turns switch `index` on, or may (a
/// value that cannot be known), for the bucket-level block on `resource`.
fn account_turns_on(cx: &Context, resource: &Resource, index: usize) -> bool {
    cx.resources.iter().any(|other| match &other.kind {
        Kind::S3PublicAccessBlock(block @ PublicAccessBlock { account: true, .. }) => {
            may_reach(other, resource) && !block.switches()[index].1.is_false()
        }
        _ => false,
    })
}

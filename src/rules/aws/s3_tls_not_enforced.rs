use crate::check::Context;
use crate::finding::{Related, Reporter};
use crate::model::aws::link::may_reach;
use crate::model::aws::s3::POLICY;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags S3 buckets whose bucket policy does not deny requests made without TLS — a
    /// `Deny` statement with the condition `"Bool": {"aws:SecureTransport": "false"}`.
    ///
    /// ## Why is this bad?
    /// S3 answers plain HTTP too. A client or tool configured with an `http://` endpoint sends
    /// its requests, signed headers and the objects themselves unencrypted. Only a bucket
    /// policy can make S3 refuse them.
    ///
    /// The bucket's policies are found across the template or module: a Terraform
    /// `aws_s3_bucket_policy` (`bucket = aws_s3_bucket.logs.id`, or the bucket's literal
    /// name) or an `AWS::S3::BucketPolicy` (`Bucket: !Ref Logs`). Nothing is reported when a
    /// policy's content or target cannot be known — a `data.aws_iam_policy_document`, a
    /// `jsonencode` that refers to the bucket's ARN, a bucket named by a variable.
    ///
    /// ## How to fix
    /// Add a bucket policy statement that denies `s3:*` on the bucket and its objects when
    /// `aws:SecureTransport` is `false`.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_s3_bucket" "logs" {
    ///   bucket = "org-access-logs"
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_s3_bucket" "logs" {
    ///   bucket = "org-access-logs"
    /// }
    /// resource "aws_s3_bucket_policy" "logs" {
    ///   bucket = aws_s3_bucket.logs.id
    ///   policy = jsonencode({
    ///     Version = "2012-10-17"
    ///     Statement = [{
    ///       Sid       = "TlsOnly"
    ///       Effect    = "Deny"
    ///       Principal = "*"
    ///       Action    = "s3:*"
    ///       Resource  = ["arn:aws:s3:::org-access-logs", "arn:aws:s3:::org-access-logs/*"]
    ///       Condition = { Bool = { "aws:SecureTransport" = "false" } }
    ///     }]
    ///   })
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Logs:
    ///     Type: AWS::S3::Bucket
    ///   LogsPolicy:
    ///     Type: AWS::S3::BucketPolicy
    ///     Properties:
    ///       Bucket: !Ref Logs
    ///       PolicyDocument:
    ///         Statement:
    ///           - Effect: Allow
    ///             Principal: {Service: logging.s3.amazonaws.com}
    ///             Action: s3:PutObject
    ///             Resource: !Sub "${Logs.Arn}/*"
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Logs:
    ///     Type: AWS::S3::Bucket
    ///   LogsPolicy:
    ///     Type: AWS::S3::BucketPolicy
    ///     Properties:
    ///       Bucket: !Ref Logs
    ///       PolicyDocument:
    ///         Statement:
    ///           - Effect: Deny
    ///             Principal: "*"
    ///             Action: "s3:*"
    ///             Resource: [!GetAtt Logs.Arn, !Sub "${Logs.Arn}/*"]
    ///             Condition:
    ///               Bool:
    ///                 aws:SecureTransport: false
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Logs": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "org-access-logs"}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {
    ///   "Logs": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "org-access-logs"}},
    ///   "LogsPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
    ///     "Bucket": "org-access-logs",
    ///     "PolicyDocument": {"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
    ///       "Resource": "arn:aws:s3:::org-access-logs/*",
    ///       "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}}}}
    /// ```
    ///
    /// ## References
    /// - [Enforce encryption of data in transit](https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html)
    /// - CIS AWS Foundations Benchmark v3.0.0 2.1.1; NIST 800-53 SC-8
    pub S3TlsNotEnforced {
        id: "AWS-S3-002",
        name: "s3-tls-not-enforced",
        severity: Medium,
        refs: ["CIS AWS 2.1.1", "NIST 800-53 SC-8"],
        fix: "add a bucket policy that denies requests where `aws:SecureTransport` is false",
    }
}

impl Check for S3TlsNotEnforced {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Kind::S3Bucket(bucket) = &resource.kind else {
            return;
        };
        let mut related = Vec::new();
        if let Some(inline) = &bucket.policy {
            match inline.get() {
                None => return,
                Some(policy) if policy.denies_insecure_transport => return,
                Some(_) => related.push(Related {
                    span: inline.span(),
                    message: "this policy does not deny requests without TLS".to_string(),
                }),
            }
        }
        let name = bucket
            .name
            .as_ref()
            .and_then(|n| n.get())
            .map(String::as_str);
        for other in cx.resources {
            let Kind::S3BucketPolicy(attached) = &other.kind else {
                continue;
            };
            if !may_reach(other, resource) {
                continue;
            }
            let Some(link) = attached.bucket.get() else {
                return; // A policy for a bucket that cannot be told may be this one's.
            };
            match link.points_at(other, resource, name, cx.resources) {
                Some(false) => continue,
                None => return,
                Some(true) => {}
            }
            match attached.policy.get() {
                None => return,
                Some(policy) if policy.denies_insecure_transport => return,
                Some(_) => related.push(Related {
                    span: other.header,
                    message: "this bucket policy does not deny requests without TLS".to_string(),
                }),
            }
        }
        let message = if related.is_empty() {
            "the bucket accepts requests without TLS: no bucket policy denies `aws:SecureTransport` false"
        } else {
            "the bucket accepts requests without TLS: its bucket policy does not deny `aws:SecureTransport` false"
        };
        out.report_with_related(resource.header, &POLICY, message, related);
    }
}

//! `aws_s3_bucket` to [`Bucket`]; `aws_s3_bucket_public_access_block` and
//! `aws_s3_account_public_access_block` to [`PublicAccessBlock`]; `aws_s3_bucket_policy` to
//! [`BucketPolicy`]. Since AWS provider 4 a bucket's settings live in resources of their own
//! that name the bucket; rules join them through [`crate::model::aws::link::Link`].

use crate::adapt::read::{bool_field, field, str_field};
use crate::model::aws::s3::{Bucket, BucketPolicy, Policy, PublicAccessBlock};
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

use super::link::link;

pub fn bucket(body: &Node) -> Bucket {
    Bucket {
        name: str_field(Some(body), "bucket"),
        public_access_block: None,
        policy: field(Some(body), "policy").map(Policy::read),
    }
}

pub fn public_access_block(body: &Node, header: Span, account: bool) -> PublicAccessBlock {
    // Terraform's default for each switch is false.
    let switch =
        |key: &str| bool_field(Some(body), key).unwrap_or_else(|| Val::default(false, header));
    PublicAccessBlock {
        span: header,
        bucket: if account {
            None
        } else {
            Some(
                field(Some(body), "bucket")
                    .map(link)
                    .unwrap_or_else(|| Val::unknown("`bucket` is not set", header)),
            )
        },
        account,
        block_public_acls: switch("block_public_acls"),
        ignore_public_acls: switch("ignore_public_acls"),
        block_public_policy: switch("block_public_policy"),
        restrict_public_buckets: switch("restrict_public_buckets"),
    }
}

pub fn bucket_policy(body: &Node, header: Span) -> BucketPolicy {
    BucketPolicy {
        bucket: field(Some(body), "bucket")
            .map(link)
            .unwrap_or_else(|| Val::unknown("`bucket` is not set", header)),
        policy: field(Some(body), "policy")
            .map(Policy::read)
            .unwrap_or_else(|| Val::unknown("`policy` is not set", header)),
    }
}

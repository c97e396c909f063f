//! `AWS::S3::Bucket` to [`Bucket`] (with its `PublicAccessBlockConfiguration`),
//! `AWS::S3::BucketPolicy` to [`BucketPolicy`].

use crate::adapt::read::{bool_field, field, key_span_or, str_field};
use crate::model::aws::s3::{Bucket, BucketPolicy, Policy, PublicAccessBlock};
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

use super::link::link;

pub fn bucket(properties: &Node, header: Span) -> Bucket {
    Bucket {
        name: str_field(Some(properties), "BucketName"),
        public_access_block: public_access_block(properties, header),
        policy: None,
    }
}

/// A written `PublicAccessBlockConfiguration`: a switch it leaves out is off. Without one, S3
/// turns all four on for a new bucket, so there is nothing to model.
fn public_access_block(properties: &Node, header: Span) -> Option<PublicAccessBlock> {
    let block = field(Some(properties), "PublicAccessBlockConfiguration")?;
    let span = key_span_or(Some(properties), "PublicAccessBlockConfiguration", header);
    let switch = |key: &str| {
        if block.is_unknown() {
            return Val::from_bool_node(block);
        }
        bool_field(Some(block), key).unwrap_or_else(|| Val::default(false, span))
    };
    Some(PublicAccessBlock {
        span,
        bucket: None,
        account: false,
        block_public_acls: switch("BlockPublicAcls"),
        ignore_public_acls: switch("IgnorePublicAcls"),
        block_public_policy: switch("BlockPublicPolicy"),
        restrict_public_buckets: switch("RestrictPublicBuckets"),
    })
}

pub fn bucket_policy(properties: &Node, header: Span) -> BucketPolicy {
    BucketPolicy {
        bucket: field(Some(properties), "Bucket")
            .map(link)
            .unwrap_or_else(|| Val::unknown("`Bucket` is not set", header)),
        policy: field(Some(properties), "PolicyDocument")
            .map(Policy::read)
            .unwrap_or_else(|| Val::unknown("`PolicyDocument` is not set", header)),
    }
}

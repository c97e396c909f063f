//! Amazon S3 buckets and the settings Terraform keeps in resources of their own
//! (`AWS::S3::Bucket`, `AWS::S3::BucketPolicy`, `aws_s3_bucket`,
//! `aws_s3_bucket_public_access_block`, `aws_s3_account_public_access_block`,
//! `aws_s3_bucket_policy`).
//!
//! Encryption is deliberately not modelled: since January 2023 S3 encrypts every new object
//! with SSE-S3 when nothing else is configured, so a bucket without an encryption
//! configuration is not unencrypted, and no setting a template can write makes it so.

use crate::model::aws::link::Link;
use crate::model::{Attr, Val};
use crate::parse::{Node, NodeKind};
use crate::source::Span;

#[derive(Debug)]
pub struct Bucket {
    /// The bucket's name, when known (it may be generated).
    pub name: Option<Val<String>>,
    /// CloudFormation's `PublicAccessBlockConfiguration`, inside the bucket.
    pub public_access_block: Option<PublicAccessBlock>,
    /// A policy written inside the bucket (Terraform's deprecated inline `policy`).
    pub policy: Option<Val<Policy>>,
}

/// The four Block Public Access switches of one bucket or of the whole account. A switch left
/// out of a configuration that is written is off.
#[derive(Debug)]
pub struct PublicAccessBlock {
    /// The configuration block or resource, for findings.
    pub span: Span,
    /// The bucket it applies to; `None` for the account-level block or CloudFormation's
    /// in-bucket block.
    pub bucket: Option<Val<Link>>,
    pub account: bool,
    pub block_public_acls: Val<bool>,
    pub ignore_public_acls: Val<bool>,
    pub block_public_policy: Val<bool>,
    pub restrict_public_buckets: Val<bool>,
}

impl PublicAccessBlock {
    /// The four switches with their setting names.
    pub fn switches(&self) -> [(&Attr, &Val<bool>); 4] {
        [
            (&BLOCK_PUBLIC_ACLS, &self.block_public_acls),
            (&IGNORE_PUBLIC_ACLS, &self.ignore_public_acls),
            (&BLOCK_PUBLIC_POLICY, &self.block_public_policy),
            (&RESTRICT_PUBLIC_BUCKETS, &self.restrict_public_buckets),
        ]
    }
}

/// A bucket policy resource.
#[derive(Debug)]
pub struct BucketPolicy {
    pub bucket: Val<Link>,
    pub policy: Val<Policy>,
}

/// What the rules need from a policy document.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Some statement denies requests whose `aws:SecureTransport` is false.
    pub denies_insecure_transport: bool,
}

impl Policy {
    /// Reads a policy document: a map (CloudFormation) or its JSON text (Terraform's
    /// `jsonencode`, a heredoc). A document with parts that cannot be known is unknown unless
    /// a known statement already decides the question.
    pub fn read(document: &Node) -> Val<Policy> {
        let parsed;
        let map = match &document.kind {
            NodeKind::Str(text) => match crate::parse::json::parse(text, document.span.file) {
                Ok(root) => {
                    parsed = root;
                    &parsed
                }
                Err(_) => return Val::unknown("the policy is not valid JSON", document.span),
            },
            _ => document,
        };
        let value = match denies_insecure_transport(map) {
            Ok(denies) => Ok(Policy {
                denies_insecure_transport: denies,
            }),
            Err(reason) => Err(reason),
        };
        let mut val = Val::from_node(document, "a policy document", |_| None);
        val.value = value;
        val
    }
}

/// Whether some statement is `Deny` with `Bool`/`BoolIfExists` `aws:SecureTransport` false.
fn denies_insecure_transport(document: &Node) -> Result<bool, String> {
    if let NodeKind::Unknown(reason) = &document.kind {
        return Err(reason.clone());
    }
    let statements = match document.get("Statement") {
        Some(node) => match &node.kind {
            NodeKind::Seq(items) => items.iter().collect::<Vec<_>>(),
            NodeKind::Map(_) => vec![node],
            NodeKind::Unknown(reason) => return Err(reason.clone()),
            _ => return Ok(false),
        },
        None if document.as_map().is_some() => return Ok(false),
        None => {
            return Err(format!(
                "expected a policy document, found {}",
                document.type_name()
            ))
        }
    };
    let mut unknown = None;
    for statement in statements {
        match statement_denies(statement) {
            Ok(true) => return Ok(true),
            Ok(false) => {}
            Err(reason) => unknown = Some(reason),
        }
    }
    unknown.map_or(Ok(false), Err)
}

fn statement_denies(statement: &Node) -> Result<bool, String> {
    let unknown = |node: &Node| match &node.kind {
        NodeKind::Unknown(reason) => Some(reason.clone()),
        _ => None,
    };
    if let Some(reason) = unknown(statement) {
        return Err(reason);
    }
    match statement.get("Effect") {
        Some(effect) if effect.as_str() == Some("Deny") => {}
        Some(effect) if effect.is_unknown() => return Err(unknown(effect).unwrap_or_default()),
        _ => return Ok(false),
    }
    let Some(condition) = statement.get("Condition") else {
        return Ok(false);
    };
    if let Some(reason) = unknown(condition) {
        return Err(reason);
    }
    let mut pending = None;
    for operator in ["Bool", "BoolIfExists"] {
        let Some(block) = condition.get(operator) else {
            continue;
        };
        if let Some(reason) = unknown(block) {
            pending = Some(reason);
            continue;
        }
        for entry in block.as_map().unwrap_or_default() {
            if !entry.key.eq_ignore_ascii_case("aws:SecureTransport") {
                continue;
            }
            let values: Vec<&Node> = match &entry.value.kind {
                NodeKind::Seq(items) => items.iter().collect(),
                _ => vec![&entry.value],
            };
            for value in values {
                match &value.kind {
                    NodeKind::Bool(false) => return Ok(true),
                    NodeKind::Str(text) if text.eq_ignore_ascii_case("false") => return Ok(true),
                    NodeKind::Unknown(reason) => pending = Some(reason.clone()),
                    _ => {}
                }
            }
        }
    }
    pending.map_or(Ok(false), Err)
}

pub const BLOCK_PUBLIC_ACLS: Attr = Attr {
    id: "block_public_acls",
    terraform: "block_public_acls",
    cloudformation: "PublicAccessBlockConfiguration.BlockPublicAcls",
    kubernetes: "block_public_acls",
};
pub const IGNORE_PUBLIC_ACLS: Attr = Attr {
    id: "ignore_public_acls",
    terraform: "ignore_public_acls",
    cloudformation: "PublicAccessBlockConfiguration.IgnorePublicAcls",
    kubernetes: "ignore_public_acls",
};
pub const BLOCK_PUBLIC_POLICY: Attr = Attr {
    id: "block_public_policy",
    terraform: "block_public_policy",
    cloudformation: "PublicAccessBlockConfiguration.BlockPublicPolicy",
    kubernetes: "block_public_policy",
};
pub const RESTRICT_PUBLIC_BUCKETS: Attr = Attr {
    id: "restrict_public_buckets",
    terraform: "restrict_public_buckets",
    cloudformation: "PublicAccessBlockConfiguration.RestrictPublicBuckets",
    kubernetes: "restrict_public_buckets",
};
pub const POLICY: Attr = Attr {
    id: "policy",
    terraform: "aws_s3_bucket_policy",
    cloudformation: "AWS::S3::BucketPolicy",
    kubernetes: "policy",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Span};

    fn read(json: &str) -> Result<bool, String> {
        let document = crate::parse::json::parse(json, FileId(0)).unwrap();
        Policy::read(&document)
            .value
            .map(|policy| policy.denies_insecure_transport)
    }

    #[test]
    fn a_deny_on_insecure_transport_is_found_in_any_form() {
        let deny = r#"{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#;
        assert_eq!(read(deny), Ok(true));
        let single = r#"{"Statement": {"Effect": "Deny",
            "Condition": {"BoolIfExists": {"aws:securetransport": [false]}}}}"#;
        assert_eq!(read(single), Ok(true));
        // Terraform's `jsonencode` result: the document as a JSON string.
        let text = Node::new(Span::new(FileId(0), 0, 0), NodeKind::Str(deny.to_string()));
        assert_eq!(
            Policy::read(&text)
                .value
                .map(|p| p.denies_insecure_transport),
            Ok(true)
        );
    }

    #[test]
    fn allows_and_other_conditions_do_not_count() {
        let allow = r#"{"Statement": [{"Effect": "Allow",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#;
        assert_eq!(read(allow), Ok(false));
        let other = r#"{"Statement": [{"Effect": "Deny",
            "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}]}"#;
        assert_eq!(read(other), Ok(false));
        assert_eq!(read(r#"{"Statement": []}"#), Ok(false));
    }

    #[test]
    fn unknown_parts_leave_the_answer_unknown() {
        let span = Span::new(FileId(0), 0, 0);
        let unknown = Node::unknown(
            span,
            "`data.aws_iam_policy_document.p.json` is only known after apply",
        );
        assert!(Policy::read(&unknown).value.is_err());
        let statement = Node::unknown(span, "computed");
        let document = Node::new(
            span,
            NodeKind::Map(vec![crate::parse::Entry {
                key: "Statement".to_string(),
                key_span: span,
                value: Node::new(span, NodeKind::Seq(vec![statement])),
            }]),
        );
        assert!(Policy::read(&document).value.is_err());
    }
}

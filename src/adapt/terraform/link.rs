//! Reading a reference to another resource (`aws_s3_bucket.logs.id`) or a literal name into a
//! [`Link`].
//!
//! The evaluator turns a resource attribute into an unknown value whose reason quotes the
//! reference ("`aws_s3_bucket.logs.id` is only known after apply"); that quoted text is the
//! only place the target survives, so it is read back here. Data sources and module outputs
//! are not resources of the scan: they stay unknown.

use crate::model::aws::link::Link;
use crate::model::Val;
use crate::parse::{Node, NodeKind};

pub fn link(node: &Node) -> Val<Link> {
    Val::from_node(node, "a name or a reference", |node| match &node.kind {
        NodeKind::Str(name) => Some(Link::Name(name.clone())),
        NodeKind::Unknown(reason) => target(reason).map(Link::Resource),
        _ => None,
    })
}

/// `aws_s3_bucket.logs` out of "`aws_s3_bucket.logs[…].id` is only known after apply".
fn target(reason: &str) -> Option<String> {
    let quoted = reason
        .strip_suffix("` is only known after apply")?
        .strip_prefix('`')?;
    let mut parts = quoted.split('.');
    let (type_name, name) = (parts.next()?, parts.next()?);
    let name = name.split('[').next()?;
    let is_resource_type = type_name.contains('_')
        && type_name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    (is_resource_type && !name.is_empty()).then(|| format!("{type_name}.{name}"))
}

#[cfg(test)]
mod tests {
    use super::target;

    #[test]
    fn references_name_their_resource() {
        assert_eq!(
            target("`aws_s3_bucket.logs.id` is only known after apply").as_deref(),
            Some("aws_s3_bucket.logs")
        );
        assert_eq!(
            target("`aws_s3_bucket.logs[…].id` is only known after apply").as_deref(),
            Some("aws_s3_bucket.logs")
        );
        assert_eq!(
            target("`data.aws_caller_identity.me.id` is only known after apply"),
            None
        );
        assert_eq!(
            target("`module.logs.bucket` is only known after apply"),
            None
        );
        assert_eq!(target("variable `x` has no default"), None);
    }
}

//! Reading `!Ref Bucket`, `!GetAtt Group.Arn` or a literal name into a [`Link`].
//!
//! The resolver turns a reference to a resource of the template into an unknown value whose
//! reason quotes the logical ID; that is where the target survives, so it is read back here.

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

/// `LogBucket` out of "a reference to resource `LogBucket`, known once it is created".
fn target(reason: &str) -> Option<String> {
    let rest = reason
        .strip_prefix("a reference to resource `")
        .or_else(|| reason.strip_prefix("an attribute of resource `"))?;
    let (name, tail) = rest.split_once('`')?;
    (tail == ", known once it is created").then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::target;

    #[test]
    fn references_name_their_resource() {
        assert_eq!(
            target("a reference to resource `Logs`, known once it is created").as_deref(),
            Some("Logs")
        );
        assert_eq!(
            target("an attribute of resource `Logs`, known once it is created").as_deref(),
            Some("Logs")
        );
        assert_eq!(target("`Fn::ImportValue` of `x`"), None);
    }
}

//! How EKS resources name each other, and reading the IAM and network resources around a
//! cluster, for rules whose question spans the scan.
//!
//! A node group names its cluster (`cluster_name`), a policy attachment its role, a security
//! group rule its group. The name is either written out (`"main"`, an ARN) or a reference to a
//! resource that the evaluator could not resolve before deployment (`aws_eks_cluster.main.name`,
//! `!Ref Cluster`). Such references are unknown values whose reason names the resource they
//! point at; [`Link::from_node`] recovers that address, so a rule can tell "this node group
//! belongs to that cluster" without guessing. A link that is neither is [`Link::Unknown`], and
//! rules treat it as "may be any resource", so that an unknown never produces a finding.

use crate::model::Resource;
use crate::parse::{Node, NodeKind};

/// What a reference field names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A literal name or ARN.
    Literal(String),
    /// A resource of the scan, by address: `aws_eks_cluster.main` or a logical ID `Cluster`.
    Resource(String),
    /// Not known before deployment, and not a reference to a resource of the scan.
    Unknown,
}

impl Link {
    pub fn from_node(node: &Node) -> Link {
        match &node.kind {
            NodeKind::Str(text) => Link::Literal(text.clone()),
            NodeKind::Unknown(reason) => {
                referenced_resource(reason).map_or(Link::Unknown, Link::Resource)
            }
            _ => Link::Unknown,
        }
    }

    /// A field's link; an absent field is [`Link::Unknown`].
    pub fn field(node: Option<&Node>, key: &str) -> Link {
        node.and_then(|n| n.get(key))
            .filter(|value| !value.is_null())
            .map_or(Link::Unknown, Link::from_node)
    }

    /// Each element of a list of references; a list unknown as a whole is one unknown link.
    pub fn list(list: Option<&Node>) -> Vec<Link> {
        match list {
            None => Vec::new(),
            Some(node) => match node.as_seq() {
                Some(items) => items.iter().map(Link::from_node).collect(),
                None => vec![Link::from_node(node)],
            },
        }
    }

    /// Whether this link may point at `resource`, whose name (cluster name, role name) is
    /// `name` when known. Unknown links may point anywhere.
    pub fn may_be(&self, resource: &Resource, name: Option<&str>) -> bool {
        match self {
            Link::Unknown => true,
            Link::Resource(address) => same_address(&resource.address, address),
            Link::Literal(text) => match name {
                // A name, or an ARN ending in the name (`arn:aws:iam::1:role/path/name`).
                Some(name) => text == name || text.rsplit('/').next() == Some(name),
                None => true,
            },
        }
    }

    /// Whether this link certainly points at `resource`.
    pub fn is(&self, resource: &Resource, name: Option<&str>) -> bool {
        match self {
            Link::Unknown => false,
            Link::Resource(_) => self.may_be(resource, name),
            Link::Literal(_) => name.is_some() && self.may_be(resource, name),
        }
    }
}

/// The resource an unknown value's reason names: the evaluators say "`aws_iam_role.node.arn` is
/// only known after apply" (Terraform) and "an attribute of resource `Role`" or "a reference to
/// resource `Role`" (CloudFormation). Data sources and module outputs are outside the scan.
fn referenced_resource(reason: &str) -> Option<String> {
    let quoted = reason.split('`').nth(1)?;
    if reason.starts_with("a reference to resource")
        || reason.starts_with("an attribute of resource")
    {
        return Some(quoted.to_string());
    }
    if !reason.ends_with("is only known after apply") {
        return None;
    }
    let mut parts = quoted.split('.');
    let type_name = parts.next()?;
    if matches!(
        type_name,
        "data" | "module" | "var" | "local" | "each" | "count" | "self"
    ) {
        return None;
    }
    let name = parts.next()?;
    // `aws_subnet.public[0].id` is split at the dots; the index belongs to the name.
    let name = name.split('[').next()?;
    Some(format!("{type_name}.{name}"))
}

/// A Terraform address matches a reference written inside its module, whatever its instance
/// key: `module.eks.aws_eks_cluster.this[0]` is what `aws_eks_cluster.this` means there.
fn same_address(address: &str, reference: &str) -> bool {
    let base = address.split('[').next().unwrap_or(address);
    base == reference || base.ends_with(&format!(".{reference}"))
}

/// Every resource of the scan of one of `types`.
pub fn of_types<'a>(
    resources: &'a [Resource],
    types: &'a [&str],
) -> impl Iterator<Item = &'a Resource> {
    resources
        .iter()
        .filter(move |r| types.contains(&r.type_name.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_their_resource() {
        assert_eq!(
            referenced_resource("`aws_iam_role.node.arn` is only known after apply"),
            Some("aws_iam_role.node".to_string())
        );
        assert_eq!(
            referenced_resource("`aws_subnet.public[0].id` is only known after apply"),
            Some("aws_subnet.public".to_string())
        );
        assert_eq!(
            referenced_resource("an attribute of resource `NodeRole`, known once it is created"),
            Some("NodeRole".to_string())
        );
        assert_eq!(
            referenced_resource("`var.role` is only known after apply"),
            None
        );
        assert_eq!(
            referenced_resource("`data.aws_eks_cluster.x.name` is only known after apply"),
            None
        );
        assert!(same_address(
            "module.eks.aws_eks_cluster.this[0]",
            "aws_eks_cluster.this"
        ));
        assert!(!same_address(
            "aws_eks_cluster.other",
            "aws_eks_cluster.this"
        ));
    }
}

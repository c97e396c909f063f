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

/// The name a cluster is known by: the typed name, else none.
pub fn cluster_name(cluster: &Resource) -> Option<&str> {
    match &cluster.kind {
        crate::model::Kind::EksCluster(c) => c.name.as_ref()?.get().map(String::as_str),
        _ => None,
    }
}

/// Whether `link` (a node group's `cluster_name`, an add-on's cluster) may name `cluster`.
/// eksctl's node groups and add-ons link to their own document's cluster by its address.
pub fn may_belong(link: &Link, cluster: &Resource) -> bool {
    link.may_be(cluster, cluster_name(cluster))
}

/// The IAM role resources of the scan.
const ROLE_TYPES: [&str; 2] = ["aws_iam_role", "AWS::IAM::Role"];

/// A role resource's name when written (`name` / `RoleName`).
fn role_name(role: &Resource) -> Option<&str> {
    role.body
        .get("name")
        .or_else(|| role.body.get("RoleName"))
        .and_then(Node::as_str)
}

/// Whether two links certainly name the same IAM role: the same resource, the same name (a
/// role name or the last part of its ARN), or a resource whose written name is the other's.
pub fn same_role(a: &Link, b: &Link, resources: &[Resource]) -> bool {
    let last = |text: &str| text.rsplit('/').next().unwrap_or(text).to_string();
    match (a, b) {
        (Link::Resource(x), Link::Resource(y)) => x == y,
        (Link::Literal(x), Link::Literal(y)) => last(x) == last(y),
        (Link::Resource(address), Link::Literal(text))
        | (Link::Literal(text), Link::Resource(address)) => of_types(resources, &ROLE_TYPES)
            .filter(|role| same_address(&role.address, address))
            .any(|role| role_name(role) == Some(last(text).as_str())),
        _ => false,
    }
}

/// Whether `role` (as an attachment or policy names it) is certainly the node role of a node
/// group in the scan; the node group is returned for the message.
pub fn node_group_with_role<'a>(role: &Link, resources: &'a [Resource]) -> Option<&'a Resource> {
    resources.iter().find(|r| match &r.kind {
        crate::model::Kind::EksNodeGroup(group) => same_role(&group.role, role, resources),
        _ => false,
    })
}

/// The link other resources use for `resource` (a role, a security group): its address as
/// written inside its own module.
pub fn self_link(role: &Resource) -> Link {
    let base = role.address.split('[').next().unwrap_or(&role.address);
    // Inside a module, references are written without the `module.x.` prefix.
    let local = match role.format {
        crate::model::Format::Terraform => base
            .rsplit_once('.')
            .and_then(|(head, name)| head.rsplit('.').next().map(|t| format!("{t}.{name}")))
            .unwrap_or_else(|| base.to_string()),
        _ => base.to_string(),
    };
    Link::Resource(local)
}

/// ECR actions that change images or repositories. Read actions (`BatchGetImage`,
/// `GetDownloadUrlForLayer`, `Describe*`, `List*`, `Get*`) are what nodes need.
pub const ECR_WRITE_ACTIONS: &[&str] = &[
    "batchdeleteimage",
    "completelayerupload",
    "createpullthroughcacherule",
    "createrepository",
    "createrepositorycreationtemplate",
    "deletelifecyclepolicy",
    "deletepullthroughcacherule",
    "deleteregistrypolicy",
    "deleterepository",
    "deleterepositorycreationtemplate",
    "deleterepositorypolicy",
    "initiatelayerupload",
    "putimage",
    "putimagescanningconfiguration",
    "putimagetagmutability",
    "putlifecyclepolicy",
    "putregistrypolicy",
    "putregistryscanningconfiguration",
    "putreplicationconfiguration",
    "replicateimage",
    "setrepositorypolicy",
    "startimagescan",
    "startlifecyclepolicypreview",
    "tagresource",
    "untagresource",
    "updatepullthroughcacherule",
    "uploadlayerpart",
];

/// Whether an IAM action pattern (`ecr:*`, `ecr:Put*`, `*`, `ecr:PutImage`) allows an ECR
/// write action. Case-insensitive, as IAM is.
pub fn allows_ecr_write(action: &str) -> bool {
    let action = action.to_ascii_lowercase();
    if action == "*" {
        return true;
    }
    let Some(name) = action.strip_prefix("ecr:") else {
        return false;
    };
    ECR_WRITE_ACTIONS
        .iter()
        .any(|write| wildcard_match(name, write))
}

/// IAM's `*` and `?` wildcards.
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// The `Action` values of a policy document's `Allow` statements that allow ECR writes.
/// Statements with an unknown effect or `NotAction` are left alone.
pub fn ecr_write_grants(document: &Node) -> Vec<&Node> {
    let statements: Vec<&Node> = match document.get("Statement") {
        Some(node) => match node.as_seq() {
            Some(items) => items.iter().collect(),
            None => vec![node],
        },
        None => Vec::new(),
    };
    let mut grants = Vec::new();
    for statement in statements {
        let allow = statement
            .get("Effect")
            .and_then(Node::as_str)
            .is_some_and(|effect| effect.eq_ignore_ascii_case("allow"));
        if !allow {
            continue;
        }
        let actions: Vec<&Node> = match statement.get("Action") {
            Some(node) => match node.as_seq() {
                Some(items) => items.iter().collect(),
                None => vec![node],
            },
            None => Vec::new(),
        };
        grants.extend(
            actions
                .into_iter()
                .filter(|a| a.as_str().is_some_and(allows_ecr_write)),
        );
    }
    grants
}

/// Managed policies that let their holder push to or delete from ECR.
pub fn is_ecr_write_managed_policy(arn: &str) -> bool {
    let name = arn.rsplit('/').next().unwrap_or(arn);
    matches!(
        name,
        "AmazonEC2ContainerRegistryPowerUser"
            | "AmazonEC2ContainerRegistryFullAccess"
            | "AmazonElasticContainerRegistryPublicFullAccess"
            | "AmazonElasticContainerRegistryPublicPowerUser"
    )
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

    #[test]
    fn ecr_write_actions_and_wildcards() {
        assert!(allows_ecr_write("ecr:*"));
        assert!(allows_ecr_write("ECR:PutImage"));
        assert!(allows_ecr_write("ecr:Put*"));
        assert!(allows_ecr_write("ecr:?utImage"));
        assert!(allows_ecr_write("*"));
        assert!(!allows_ecr_write("ecr:Get*"));
        assert!(!allows_ecr_write("ecr:BatchGetImage"));
        assert!(!allows_ecr_write("s3:*"));
        assert!(is_ecr_write_managed_policy(
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser"
        ));
        assert!(!is_ecr_write_managed_policy(
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"
        ));
    }

    #[test]
    fn roles_are_the_same_by_reference_or_name() {
        let resource = |address: &str| Link::Resource(address.to_string());
        let literal = |text: &str| Link::Literal(text.to_string());
        assert!(same_role(
            &resource("aws_iam_role.a"),
            &resource("aws_iam_role.a"),
            &[]
        ));
        assert!(!same_role(
            &resource("aws_iam_role.a"),
            &resource("aws_iam_role.b"),
            &[]
        ));
        assert!(same_role(
            &literal("nodes"),
            &literal("arn:aws:iam::123456789012:role/path/nodes"),
            &[]
        ));
        assert!(!same_role(&Link::Unknown, &Link::Unknown, &[]));
    }
}

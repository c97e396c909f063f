//! IAM policy documents, wherever they are written: IAM policies and inline role, user and
//! group policies (`aws_iam_policy`, `aws_iam_role_policy`, `aws_iam_user_policy`,
//! `aws_iam_group_policy`, `aws_iam_role` `inline_policy`, `AWS::IAM::Policy`,
//! `AWS::IAM::ManagedPolicy`, `AWS::IAM::Role`/`User`/`Group` `Policies`,
//! `AWS::IAM::RolePolicy`/`UserPolicy`/`GroupPolicy`), and resource policies such as ECR
//! repository policies.
//!
//! The policy language is the same JSON in every format, so documents are read here once,
//! from a tree (CloudFormation YAML or JSON) or from a JSON string (Terraform `jsonencode`,
//! a heredoc, a CloudFormation string). A string's statements have no spans of their own: they
//! are located at the string.

use crate::model::{Attr, Val};
use crate::parse::{Node, NodeKind};
use crate::source::Span;

/// Every policy document a resource holds.
#[derive(Debug)]
pub struct Policies {
    pub documents: Vec<Document>,
}

/// One policy document; `statements` is unknown when the document (or its `Statement`) is.
#[derive(Debug)]
pub struct Document {
    pub statements: Val<Vec<Statement>>,
}

#[derive(Debug)]
pub struct Statement {
    /// The statement itself, for findings about what it lacks.
    pub span: Span,
    /// `Allow` or `Deny`.
    pub effect: Val<String>,
    pub action: Option<Val<Vec<Val<String>>>>,
    pub not_action: Option<Val<Vec<Val<String>>>>,
    pub resource: Option<Val<Vec<Val<String>>>>,
    /// The principals of a resource policy, flattened: `"*"` and `{"AWS": "*"}` both give
    /// `["*"]`; `Service` and `Federated` principals are listed by name too.
    pub principal: Option<Val<Vec<Val<String>>>>,
    /// Whether the statement has a `Condition` (set, even when unknown).
    pub has_condition: bool,
}

impl Statement {
    /// Known to allow.
    pub fn allows(&self) -> bool {
        self.effect.get().is_some_and(|e| e == "Allow")
    }
}

/// The element of a known list equal to `*` (or matching `pattern`), if any.
pub fn wildcard(
    list: Option<&Val<Vec<Val<String>>>>,
    is_wild: impl Fn(&str) -> bool,
) -> Option<&Val<String>> {
    list?
        .get()?
        .iter()
        .find(|item| item.get().is_some_and(|text| is_wild(text)))
}

impl Document {
    /// Reads a policy document: a map, or a string holding JSON.
    pub fn read(node: &Node) -> Document {
        match &node.kind {
            NodeKind::Str(text) => match crate::parse::json::parse(text, node.span.file) {
                Ok(parsed) => Document::read_tree(&located(parsed, node)),
                Err(_) => Document {
                    statements: Val::from_node(node, "a JSON policy document", |_| None),
                },
            },
            _ => Document::read_tree(node),
        }
    }

    fn read_tree(node: &Node) -> Document {
        let Some(statement) = node.get("Statement").filter(|s| !s.is_null()) else {
            let statements = match &node.kind {
                NodeKind::Map(_) => Val::known(Vec::new(), node.span),
                _ => Val::from_node(node, "a policy document", |_| None),
            };
            return Document { statements };
        };
        // `Statement` is a list of statements, or a single statement map.
        let statements = Val::from_node(statement, "a list of statements", |n| match &n.kind {
            NodeKind::Seq(items) => Some(items.iter().filter_map(read_statement).collect()),
            NodeKind::Map(_) => Some(read_statement(n).into_iter().collect()),
            _ => None,
        });
        Document { statements }
    }
}

/// A statement, or `None` for an element that is not a map (unknown or malformed).
fn read_statement(node: &Node) -> Option<Statement> {
    node.as_map()?;
    let field = |key: &str| node.get(key).filter(|value| !value.is_null());
    Some(Statement {
        span: node.span,
        effect: field("Effect").map_or_else(
            || Val::unknown("the statement has no `Effect`", node.span),
            Val::from_str_node,
        ),
        action: field("Action").map(string_or_list),
        not_action: field("NotAction").map(string_or_list),
        resource: field("Resource").map(string_or_list),
        principal: field("Principal").map(principals),
        has_condition: field("Condition").is_some(),
    })
}

/// `"x"` or `["x", "y"]`.
fn string_or_list(node: &Node) -> Val<Vec<Val<String>>> {
    match &node.kind {
        NodeKind::Seq(_) => Val::from_str_list_node(node),
        _ => {
            let single = Val::from_str_node(node);
            let mut list = Val::from_node(node, "a string or a list", |_| None);
            if single.get().is_some() {
                list.value = Ok(vec![single]);
            }
            list
        }
    }
}

/// `"*"`, or `{"AWS": ..., "Service": ..., "Federated": ...}` with strings or lists.
fn principals(node: &Node) -> Val<Vec<Val<String>>> {
    let NodeKind::Map(entries) = &node.kind else {
        return string_or_list(node);
    };
    let mut all = Vec::new();
    for entry in entries {
        let values = string_or_list(&entry.value);
        match values.value {
            Ok(items) => all.extend(items),
            // One unknown part: the principals are not wholly known, but the known ones stay.
            Err(reason) => all.push(Val::unknown(reason, entry.value.span)),
        }
    }
    let mut list = Val::from_node(node, "principals", |_| None);
    list.value = Ok(all);
    list
}

/// A tree parsed from a JSON string, every node located at the string (and carrying its
/// history), since the string's inside has no place in the file.
fn located(node: Node, string: &Node) -> Node {
    let kind = match node.kind {
        NodeKind::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .map(|mut entry| {
                    entry.key_span = string.span;
                    entry.value = located(entry.value, string);
                    entry
                })
                .collect(),
        ),
        NodeKind::Seq(items) => {
            NodeKind::Seq(items.into_iter().map(|i| located(i, string)).collect())
        }
        other => other,
    };
    Node {
        span: string.span,
        kind,
        via: string.via.clone(),
    }
}

pub const POLICY: Attr = Attr {
    id: "policy",
    terraform: "policy",
    cloudformation: "PolicyDocument",
    kubernetes: "policy",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn document(text: &str) -> Document {
        let string = Node::new(
            Span::new(FileId(0), 10, 20),
            NodeKind::Str(text.to_string()),
        );
        Document::read(&string)
    }

    #[test]
    fn json_strings_are_read_and_located_at_the_string() {
        let doc = document(
            r#"{"Statement": {"Effect": "Allow", "Principal": {"AWS": ["arn:x", "*"]}, "Action": "*", "Condition": {}}}"#,
        );
        let statements = doc.statements.get().unwrap();
        assert_eq!(statements.len(), 1);
        let statement = &statements[0];
        assert!(statement.allows());
        assert!(statement.has_condition);
        let star = wildcard(statement.principal.as_ref(), |p| p == "*").unwrap();
        assert_eq!(star.span(), Span::new(FileId(0), 10, 20));
        assert!(wildcard(statement.action.as_ref(), |a| a == "*").is_some());
        assert!(statement.resource.is_none());
    }

    #[test]
    fn broken_and_empty_documents() {
        assert!(document("{").statements.get().is_none());
        assert_eq!(document("{}").statements.get().map(Vec::len), Some(0));
        assert_eq!(
            document(r#"{"Statement": [1, {"Effect": "Deny"}]}"#)
                .statements
                .get()
                .map(Vec::len),
            Some(1)
        );
    }
}

//! `Role`, `ClusterRole`, `RoleBinding` and `ClusterRoleBinding`.

use crate::adapt::read::{field, str_field};
use crate::model::k8s::{Binding, PolicyRule, Role, Subject};
use crate::model::Val;
use crate::parse::Node;

pub fn role(document: &Node, kind: &str) -> Role {
    let rules = field(Some(document), "rules")
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .map(|rule| PolicyRule {
            span: rule.span,
            api_groups: strings(rule, "apiGroups"),
            resources: strings(rule, "resources"),
            verbs: strings(rule, "verbs"),
            resource_names: strings(rule, "resourceNames"),
        })
        .collect();
    Role {
        cluster_wide: kind == "ClusterRole",
        rules,
    }
}

pub fn binding(document: &Node, kind: &str) -> Binding {
    let role_ref = field(Some(document), "roleRef");
    let subjects = field(Some(document), "subjects")
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(|subject| {
            Some(Subject {
                span: subject.span,
                kind: str_field(Some(subject), "kind"),
                name: str_field(Some(subject), "name")?,
            })
        })
        .collect();
    Binding {
        cluster_wide: kind == "ClusterRoleBinding",
        role_kind: str_field(role_ref, "kind"),
        role_name: str_field(role_ref, "name"),
        subjects,
    }
}

/// A list of strings; a single string (a common slip) counts as a list of one.
fn strings(node: &Node, key: &str) -> Vec<Val<String>> {
    match field(Some(node), key) {
        Some(value) => match value.as_seq() {
            Some(items) => items.iter().map(Val::from_str_node).collect(),
            None => vec![Val::from_str_node(value)],
        },
        None => Vec::new(),
    }
}

//! RBAC objects: `Role`/`ClusterRole` (what may be done) and `RoleBinding`/`ClusterRoleBinding`
//! (who may do it).

use crate::model::Val;
use crate::source::Span;

/// A `Role` or `ClusterRole`.
#[derive(Debug)]
pub struct Role {
    /// A `ClusterRole`: its rules can apply in every namespace.
    pub cluster_wide: bool,
    pub rules: Vec<PolicyRule>,
}

/// One entry of `rules:`.
#[derive(Debug)]
pub struct PolicyRule {
    pub span: Span,
    pub api_groups: Vec<Val<String>>,
    pub resources: Vec<Val<String>>,
    pub verbs: Vec<Val<String>>,
    /// `resourceNames`: when set, the rule only covers the named objects.
    pub resource_names: Vec<Val<String>>,
}

impl PolicyRule {
    /// Whether the rule covers the core API group (`""`) or every group (`*`).
    pub fn covers_core_group(&self) -> bool {
        self.api_groups
            .iter()
            .any(|g| matches!(g.get().map(String::as_str), Some("" | "*")))
    }

    /// The first verb among `verbs` (or `*`), when the rule grants one.
    pub fn verb<'a>(&'a self, verbs: &[&str]) -> Option<&'a Val<String>> {
        self.verbs.iter().find(|verb| {
            verb.get()
                .is_some_and(|v| v == "*" || verbs.contains(&v.as_str()))
        })
    }

    /// The first resource among `resources` (or `*`), when the rule covers one.
    pub fn resource<'a>(&'a self, resources: &[&str]) -> Option<&'a Val<String>> {
        self.resources.iter().find(|resource| {
            resource
                .get()
                .is_some_and(|r| r == "*" || resources.contains(&r.as_str()))
        })
    }
}

/// A `RoleBinding` or `ClusterRoleBinding`.
#[derive(Debug)]
pub struct Binding {
    pub cluster_wide: bool,
    /// `roleRef.kind`: `Role` or `ClusterRole`.
    pub role_kind: Option<Val<String>>,
    /// `roleRef.name`.
    pub role_name: Option<Val<String>>,
    pub subjects: Vec<Subject>,
}

#[derive(Debug)]
pub struct Subject {
    pub span: Span,
    /// `User`, `Group` or `ServiceAccount`.
    pub kind: Option<Val<String>>,
    pub name: Val<String>,
}

impl Subject {
    /// One of the cluster's own identities (`system:masters`, `system:kube-controller-manager`,
    /// `system:nodes`, ...). Service accounts (`system:serviceaccount:...`) and the groups of
    /// every caller (`system:authenticated`, `system:unauthenticated`, `system:anonymous`) are
    /// not: a grant to them is a grant to workloads or to everyone.
    pub fn is_system(&self) -> bool {
        let is_service_account = matches!(
            self.kind.as_ref().and_then(Val::get).map(String::as_str),
            Some("ServiceAccount")
        );
        self.name.get().is_some_and(|name| {
            name.starts_with("system:")
                && !name.starts_with("system:serviceaccount")
                && !matches!(
                    name.as_str(),
                    "system:authenticated" | "system:unauthenticated" | "system:anonymous"
                )
        }) && !is_service_account
    }
}

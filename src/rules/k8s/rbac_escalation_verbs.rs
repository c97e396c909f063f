use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Roles and ClusterRoles that grant the `escalate`, `bind` or `impersonate` verbs.
    ///
    /// ## Why is this bad?
    /// These verbs exist to bypass RBAC's own guard: `escalate` edits roles to hold
    /// permissions the editor lacks, `bind` grants roles the binder does not hold, and
    /// `impersonate` acts as any user, group or service account (`system:masters`
    /// included). Each is a path to cluster-admin.
    ///
    /// ## How to fix
    /// Remove the verbs; where a controller truly needs `bind`, limit it with `resourceNames`
    /// to the roles it may hand out.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata:
    ///   name: team-admin
    /// rules:
    ///   - apiGroups: ["rbac.authorization.k8s.io"]
    ///     resources: ["clusterroles", "clusterrolebindings"]
    ///     verbs: ["create", "update", "bind", "escalate"]
    ///   - apiGroups: [""]
    ///     resources: ["users", "groups"]
    ///     verbs: ["impersonate"]
    /// ```
    /// ```k8s,good
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata:
    ///   name: team-admin
    /// rules:
    ///   - apiGroups: ["rbac.authorization.k8s.io"]
    ///     resources: ["rolebindings"]
    ///     verbs: ["create", "update"]
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_cluster_role_v1" "team_admin" {
    ///   metadata {
    ///     name = "team-admin"
    ///   }
    ///   rule {
    ///     api_groups = ["rbac.authorization.k8s.io"]
    ///     resources  = ["clusterroles", "clusterrolebindings"]
    ///     verbs      = ["create", "update", "bind", "escalate"]
    ///   }
    ///   rule {
    ///     api_groups = [""]
    ///     resources  = ["users", "groups"]
    ///     verbs      = ["impersonate"]
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_cluster_role_v1" "team_admin" {
    ///   metadata {
    ///     name = "team-admin"
    ///   }
    ///   rule {
    ///     api_groups = ["rbac.authorization.k8s.io"]
    ///     resources  = ["rolebindings"]
    ///     verbs      = ["create", "update"]
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Privilege escalation prevention](https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping)
    /// - CIS Kubernetes Benchmark v1.8, 5.1.8; NIST 800-53 AC-6
    pub RbacEscalationVerbs {
        id: "K8S-RBAC-005",
        name: "rbac-escalate-bind-impersonate",
        severity: High,
        refs: ["CIS Kubernetes 5.1.8", "NIST 800-53 AC-6"],
        fix: "remove the `escalate`, `bind` and `impersonate` verbs",
    }
}

const RULES: Attr = Attr::uniform("rules");

impl Check for RbacEscalationVerbs {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Role(role) = &resource.kind else {
            return;
        };
        for rule in &role.rules {
            for verb in &rule.verbs {
                let message = match verb.get().map(String::as_str) {
                    Some("escalate") => "`escalate` lets the holder grant itself permissions it lacks",
                    Some("bind") => "`bind` lets the holder bind roles with permissions it lacks",
                    Some("impersonate") => "`impersonate` lets the holder act as other users, groups or service accounts",
                    _ => continue,
                };
                out.report_value(&RULES, verb, message);
            }
        }
    }
}

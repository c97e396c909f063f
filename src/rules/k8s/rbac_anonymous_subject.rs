use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags RoleBindings and ClusterRoleBindings whose subjects include the user
    /// `system:anonymous` or the group `system:unauthenticated`.
    ///
    /// ## Why is this bad?
    /// These subjects are every request that carries no credentials. Binding a role to them
    /// grants it to anyone who can reach the API server, often the whole internet for a
    /// managed cluster's public endpoint. Such bindings were behind real mass compromises of
    /// clusters.
    ///
    /// ## How to fix
    /// Remove the subject; bind the role to authenticated identities only.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRoleBinding
    /// metadata:
    ///   name: public-status
    /// roleRef:
    ///   apiGroup: rbac.authorization.k8s.io
    ///   kind: ClusterRole
    ///   name: view
    /// subjects:
    ///   - apiGroup: rbac.authorization.k8s.io
    ///     kind: Group
    ///     name: system:unauthenticated
    /// ```
    /// ```k8s,good
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRoleBinding
    /// metadata:
    ///   name: public-status
    /// roleRef:
    ///   apiGroup: rbac.authorization.k8s.io
    ///   kind: ClusterRole
    ///   name: view
    /// subjects:
    ///   - apiGroup: rbac.authorization.k8s.io
    ///     kind: Group
    ///     name: status-readers
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_cluster_role_binding_v1" "public_status" {
    ///   metadata {
    ///     name = "public-status"
    ///   }
    ///   role_ref {
    ///     api_group = "rbac.authorization.k8s.io"
    ///     kind      = "ClusterRole"
    ///     name      = "view"
    ///   }
    ///   subject {
    ///     api_group = "rbac.authorization.k8s.io"
    ///     kind      = "Group"
    ///     name      = "system:unauthenticated"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_cluster_role_binding_v1" "public_status" {
    ///   metadata {
    ///     name = "public-status"
    ///   }
    ///   role_ref {
    ///     api_group = "rbac.authorization.k8s.io"
    ///     kind      = "ClusterRole"
    ///     name      = "view"
    ///   }
    ///   subject {
    ///     api_group = "rbac.authorization.k8s.io"
    ///     kind      = "Group"
    ///     name      = "status-readers"
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Anonymous requests](https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests)
    /// - NIST 800-53 AC-14, AC-3
    pub RbacAnonymousSubject {
        id: "K8S-RBAC-006",
        name: "rbac-anonymous-subject",
        severity: Critical,
        refs: ["NIST 800-53 AC-14", "NIST 800-53 AC-3"],
        fix: "remove `system:anonymous` and `system:unauthenticated` from the subjects",
    }
}

const SUBJECTS: Attr = Attr::uniform("subjects");

impl Check for RbacAnonymousSubject {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Binding(binding) = &resource.kind else {
            return;
        };
        let role = binding
            .role_name
            .as_ref()
            .and_then(|name| name.get())
            .map_or("the role".to_string(), |name| format!("`{name}`"));
        for subject in &binding.subjects {
            if let Some(name @ ("system:anonymous" | "system:unauthenticated")) =
                subject.name.get().map(String::as_str)
            {
                out.report_value(
                    &SUBJECTS,
                    &subject.name,
                    format!("{role} is granted to every unauthenticated request (`{name}`)"),
                );
            }
        }
    }
}

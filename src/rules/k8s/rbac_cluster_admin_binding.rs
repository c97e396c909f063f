use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags RoleBindings and ClusterRoleBindings that grant the `cluster-admin` ClusterRole
    /// to a user, group or service account. Bindings whose subjects are all Kubernetes system
    /// identities (`system:masters`, ...) are the cluster's own and are not reported.
    ///
    /// ## Why is this bad?
    /// `cluster-admin` is superuser: every verb on every resource, in every namespace for a
    /// ClusterRoleBinding (in the namespace, Secrets and RBAC included, for a RoleBinding). A
    /// service account with it turns any compromise of its pod into a compromise of the
    /// cluster, and the nodes and cloud credentials behind it.
    ///
    /// ## How to fix
    /// Bind a role with the permissions the subject needs; keep `cluster-admin` for
    /// break-glass access through `system:masters` or your identity provider.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRoleBinding
    /// metadata:
    ///   name: ci-deployer
    /// roleRef:
    ///   apiGroup: rbac.authorization.k8s.io
    ///   kind: ClusterRole
    ///   name: cluster-admin
    /// subjects:
    ///   - kind: ServiceAccount
    ///     name: ci
    ///     namespace: ci
    /// ```
    /// ```k8s,good
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: RoleBinding
    /// metadata:
    ///   name: ci-deployer
    ///   namespace: shop
    /// roleRef:
    ///   apiGroup: rbac.authorization.k8s.io
    ///   kind: ClusterRole
    ///   name: edit
    /// subjects:
    ///   - kind: ServiceAccount
    ///     name: ci
    ///     namespace: ci
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_cluster_role_binding_v1" "ci_deployer" {
    ///   metadata {
    ///     name = "ci-deployer"
    ///   }
    ///   role_ref {
    ///     api_group = "rbac.authorization.k8s.io"
    ///     kind      = "ClusterRole"
    ///     name      = "cluster-admin"
    ///   }
    ///   subject {
    ///     kind      = "ServiceAccount"
    ///     name      = "ci"
    ///     namespace = "ci"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_role_binding_v1" "ci_deployer" {
    ///   metadata {
    ///     name      = "ci-deployer"
    ///     namespace = "shop"
    ///   }
    ///   role_ref {
    ///     api_group = "rbac.authorization.k8s.io"
    ///     kind      = "ClusterRole"
    ///     name      = "edit"
    ///   }
    ///   subject {
    ///     kind      = "ServiceAccount"
    ///     name      = "ci"
    ///     namespace = "ci"
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [User-facing roles](https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles)
    /// - CIS Kubernetes Benchmark v1.8, 5.1.1; CIS Amazon EKS Benchmark 4.1.1; NIST 800-53 AC-6(5)
    pub RbacClusterAdminBinding {
        id: "K8S-RBAC-002",
        name: "rbac-cluster-admin-binding",
        severity: High,
        refs: ["CIS Kubernetes 5.1.1", "CIS EKS 4.1.1", "NIST 800-53 AC-6(5)"],
        fix: "bind a narrower role than `cluster-admin`",
    }
}

const ROLE_REF: Attr = Attr::uniform("roleRef.name");

impl Check for RbacClusterAdminBinding {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Binding(binding) = &resource.kind else {
            return;
        };
        let Some(name) = &binding.role_name else {
            return;
        };
        let is_cluster_role = binding
            .role_kind
            .as_ref()
            .and_then(|kind| kind.get())
            .is_some_and(|kind| kind == "ClusterRole");
        if !is_cluster_role || name.get().map(String::as_str) != Some("cluster-admin") {
            return;
        }
        let granted: Vec<String> = binding
            .subjects
            .iter()
            .filter(|subject| !subject.is_system())
            .filter_map(|subject| subject.name.get().map(|name| format!("`{name}`")))
            .collect();
        if granted.is_empty() {
            return;
        }
        let scope = if binding.cluster_wide {
            "in every namespace"
        } else {
            "in the namespace"
        };
        out.report_value(
            &ROLE_REF,
            name,
            format!(
                "{} get superuser access {scope} through `cluster-admin`",
                granted.join(", ")
            ),
        );
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Roles and ClusterRoles that allow `create` on `pods/exec` or `pods/attach`.
    ///
    /// ## Why is this bad?
    /// Exec and attach run commands inside running containers, with the container's identity:
    /// its service-account token, its mounted Secrets, its cloud credentials. Whoever holds
    /// the role holds everything every pod in scope can reach, and RBAC cannot limit what is
    /// run.
    ///
    /// ## How to fix
    /// Remove `pods/exec` and `pods/attach`, or grant them only to break-glass roles bound
    /// for a limited time.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: Role
    /// metadata:
    ///   name: support
    ///   namespace: shop
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["pods", "pods/log", "pods/exec"]
    ///     verbs: ["get", "list", "create"]
    /// ```
    /// ```k8s,good
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: Role
    /// metadata:
    ///   name: support
    ///   namespace: shop
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["pods", "pods/log"]
    ///     verbs: ["get", "list"]
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_role_v1" "support" {
    ///   metadata {
    ///     name      = "support"
    ///     namespace = "shop"
    ///   }
    ///   rule {
    ///     api_groups = [""]
    ///     resources  = ["pods", "pods/log", "pods/exec"]
    ///     verbs      = ["get", "list", "create"]
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_role_v1" "support" {
    ///   metadata {
    ///     name      = "support"
    ///     namespace = "shop"
    ///   }
    ///   rule {
    ///     api_groups = [""]
    ///     resources  = ["pods", "pods/log"]
    ///     verbs      = ["get", "list"]
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [RBAC good practices: escalation risks](https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks)
    /// - CIS Kubernetes Benchmark v1.8, 5.1.4; NIST 800-53 AC-6
    pub RbacPodExec {
        id: "K8S-RBAC-003",
        name: "rbac-pod-exec",
        severity: Medium,
        refs: ["CIS Kubernetes 5.1.4", "NIST 800-53 AC-6"],
        fix: "remove `create` on `pods/exec` and `pods/attach`",
    }
}

const RULES: Attr = Attr::uniform("rules");

impl Check for RbacPodExec {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Role(role) = &resource.kind else {
            return;
        };
        for rule in &role.rules {
            if !rule.covers_core_group() || rule.verb(&["create"]).is_none() {
                continue;
            }
            // A `*` resource is reported by rbac-wildcard; here only the named subresources.
            for subresource in &rule.resources {
                if let Some(name @ ("pods/exec" | "pods/attach")) =
                    subresource.get().map(String::as_str)
                {
                    out.report_value(
                        &RULES,
                        subresource,
                        format!("the role may run commands in pods: `create` on `{name}`"),
                    );
                }
            }
        }
    }
}

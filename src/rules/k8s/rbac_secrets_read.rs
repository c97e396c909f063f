use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags ClusterRoles that may read Secrets (`get`, `list` or `watch` on `secrets`,
    /// without `resourceNames`).
    ///
    /// ## Why is this bad?
    /// Bound with a ClusterRoleBinding, such a role reads every Secret of every namespace:
    /// service-account tokens (including those of privileged controllers), TLS keys,
    /// database passwords. `list` and `watch` return the Secrets' contents, not just their
    /// names.
    ///
    /// ## How to fix
    /// Use a Role in the namespace that needs the Secret, with `resourceNames` naming it, or
    /// mount the Secret into the pod instead of reading it through the API.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata:
    ///   name: config-reader
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["configmaps", "secrets"]
    ///     verbs: ["get", "list", "watch"]
    /// ```
    /// ```k8s,good
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata:
    ///   name: config-reader
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["configmaps"]
    ///     verbs: ["get", "list", "watch"]
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_cluster_role_v1" "config_reader" {
    ///   metadata {
    ///     name = "config-reader"
    ///   }
    ///   rule {
    ///     api_groups = [""]
    ///     resources  = ["configmaps", "secrets"]
    ///     verbs      = ["get", "list", "watch"]
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_cluster_role_v1" "config_reader" {
    ///   metadata {
    ///     name = "config-reader"
    ///   }
    ///   rule {
    ///     api_groups = [""]
    ///     resources  = ["configmaps"]
    ///     verbs      = ["get", "list", "watch"]
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [RBAC good practices: listing Secrets](https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets)
    /// - CIS Kubernetes Benchmark v1.8, 5.1.2; CIS Amazon EKS Benchmark 4.1.2; NIST 800-53 AC-6, SC-28
    pub RbacSecretsRead {
        id: "K8S-RBAC-004",
        name: "rbac-secrets-read-cluster-wide",
        severity: High,
        refs: ["CIS Kubernetes 5.1.2", "CIS EKS 4.1.2", "NIST 800-53 AC-6", "NIST 800-53 SC-28"],
        fix: "grant Secret access in a namespaced Role with `resourceNames`",
    }
}

const RULES: Attr = Attr::uniform("rules");

impl Check for RbacSecretsRead {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Role(role) = &resource.kind else {
            return;
        };
        if !role.cluster_wide {
            return;
        }
        for rule in &role.rules {
            if !rule.covers_core_group() || !rule.resource_names.is_empty() {
                continue;
            }
            let Some(verb) = rule.verb(&["get", "list", "watch"]) else {
                continue;
            };
            let Some(secrets) = rule
                .resources
                .iter()
                .find(|r| r.get().is_some_and(|r| r == "secrets"))
            else {
                continue;
            };
            out.report_value(
                &RULES,
                secrets,
                format!(
                    "the ClusterRole may read Secrets in every namespace it is bound for: `{}` on `secrets`",
                    verb.get().map_or("?", String::as_str)
                ),
            );
        }
    }
}

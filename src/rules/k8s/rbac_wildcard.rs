use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Roles and ClusterRoles with a rule that grants `*` verbs or `*` resources.
    ///
    /// ## Why is this bad?
    /// A wildcard grants everything that exists now and everything added later: new
    /// subresources, custom resources of every operator installed afterwards, verbs such as
    /// `escalate` and `impersonate`. `verbs: ["*"]` on `resources: ["*"]` is cluster-admin
    /// under another name.
    ///
    /// ## How to fix
    /// List the resources and verbs the subject needs, for example `get`, `list` and `watch`
    /// on `deployments`.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: Role
    /// metadata:
    ///   name: deployer
    ///   namespace: shop
    /// rules:
    ///   - apiGroups: ["apps"]
    ///     resources: ["*"]
    ///     verbs: ["*"]
    /// ```
    /// ```k8s,good
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: Role
    /// metadata:
    ///   name: deployer
    ///   namespace: shop
    /// rules:
    ///   - apiGroups: ["apps"]
    ///     resources: ["deployments"]
    ///     verbs: ["get", "list", "watch", "update", "patch"]
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_role_v1" "deployer" {
    ///   metadata {
    ///     name      = "deployer"
    ///     namespace = "shop"
    ///   }
    ///   rule {
    ///     api_groups = ["apps"]
    ///     resources  = ["*"]
    ///     verbs      = ["*"]
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_role_v1" "deployer" {
    ///   metadata {
    ///     name      = "deployer"
    ///     namespace = "shop"
    ///   }
    ///   rule {
    ///     api_groups = ["apps"]
    ///     resources  = ["deployments"]
    ///     verbs      = ["get", "list", "watch", "update", "patch"]
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [RBAC good practices: least privilege](https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege)
    /// - CIS Kubernetes Benchmark v1.8, 5.1.3; CIS Amazon EKS Benchmark 4.1.3; NIST 800-53 AC-6
    pub RbacWildcard {
        id: "K8S-RBAC-001",
        name: "rbac-wildcard",
        severity: High,
        refs: ["CIS Kubernetes 5.1.3", "CIS EKS 4.1.3", "NIST 800-53 AC-6"],
        fix: "list the verbs and resources needed instead of `*`",
    }
}

const RULES: Attr = Attr::uniform("rules");

impl Check for RbacWildcard {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Role(role) = &resource.kind else {
            return;
        };
        for rule in &role.rules {
            let is_star =
                |value: &&crate::model::Val<String>| value.get().is_some_and(|v| v == "*");
            if let Some(verb) = rule.verbs.iter().find(is_star) {
                out.report_value(&RULES, verb, "the rule grants every verb (`*`)");
            }
            if let Some(resource) = rule.resources.iter().find(is_star) {
                out.report_value(&RULES, resource, "the rule covers every resource (`*`)");
            }
        }
    }
}

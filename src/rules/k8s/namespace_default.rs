use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::inventory::{describe, pod_identity, NAMESPACE};
use crate::model::Resource;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags workloads that run in the `default` namespace, whether it is named explicitly or
    /// the manifest has no `metadata.namespace` at all.
    ///
    /// ## Why is this bad?
    /// Namespaces are the unit Kubernetes attaches security to: RBAC roles, network policies,
    /// Pod Security Admission labels, resource quotas. The `default` namespace is where
    /// everything lands that nobody placed deliberately, so it tends to mix unrelated
    /// applications under one set of (usually permissive) policies, and a grant meant for one of
    /// them reaches all of them.
    ///
    /// A manifest without a namespace goes wherever `kubectl` or the deploying tool points at:
    /// usually `default`. If a kustomization in the scan sets `namespace:`, its value is used.
    ///
    /// ## How to fix
    /// Give each application its own namespace and set `metadata.namespace` (or kustomize's
    /// `namespace:`) in its manifests.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: registry.example.com/web:1.4.2
    /// ```
    /// ```k8s,good
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: registry.example.com/web:1.4.2
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_deployment_v1" "web" {
    ///   metadata {
    ///     name = "web"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         container {
    ///           name  = "web"
    ///           image = "registry.example.com/web:1.4.2"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_deployment_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         container {
    ///           name  = "web"
    ///           image = "registry.example.com/web:1.4.2"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Kubernetes: namespaces](https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/)
    /// - CIS Kubernetes Benchmark 5.7.4; CIS Amazon EKS Benchmark 4.6.3
    pub NamespaceDefault {
        id: "K8S-NS-001",
        name: "workload-in-default-namespace",
        severity: Low,
        refs: ["CIS Kubernetes 5.7.4", "CIS EKS 4.6.3"],
        fix: "set `metadata.namespace` to the application's own namespace",
    }
}

impl Check for NamespaceDefault {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Some(identity) = pod_identity(resource) else {
            return;
        };
        let namespace = &identity.namespace;
        if namespace.get().map(String::as_str) != Some("default") {
            return;
        }
        let message = if namespace.is_default() {
            format!(
                "{} has no `metadata.namespace`, so it runs in the `default` namespace",
                describe(resource)
            )
        } else {
            format!("{} runs in the `default` namespace", describe(resource))
        };
        out.report_value(&NAMESPACE, namespace, message);
    }
}

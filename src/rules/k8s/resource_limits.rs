use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::{ContainerKind, RESOURCES_LIMITS};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers and init containers without a CPU or memory limit
    /// (`resources.limits.cpu`, `resources.limits.memory`). Ephemeral containers cannot have
    /// resources and are not checked.
    ///
    /// ## Why is this bad?
    /// A container without limits can take all the memory and CPU of its node: a leak, a
    /// traffic spike or a compromised process (crypto-mining is the usual payload) starves
    /// every other pod there, and memory pressure makes the kubelet evict neighbours. Limits
    /// contain the damage to the offending container. A namespace `LimitRange` can also set
    /// defaults, but it is not visible from the workload.
    ///
    /// ## How to fix
    /// Set `resources.limits.memory` (and `cpu`) from observed usage, together with
    /// `resources.requests`.
    ///
    /// ## Example
    /// ```k8s,bad
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
    ///           resources:
    ///             requests: {cpu: 250m, memory: 256Mi}
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
    ///           resources:
    ///             requests: {cpu: 250m, memory: 256Mi}
    ///             limits: {cpu: "1", memory: 512Mi}
    /// ```
    /// ```tf,bad
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
    ///           resources {
    ///             requests = {
    ///               cpu    = "250m"
    ///               memory = "256Mi"
    ///             }
    ///           }
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
    ///           resources {
    ///             requests = {
    ///               cpu    = "250m"
    ///               memory = "256Mi"
    ///             }
    ///             limits = {
    ///               cpu    = "1"
    ///               memory = "512Mi"
    ///             }
    ///           }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Resource Management for Pods and Containers](https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/)
    /// - NSA/CISA Kubernetes Hardening Guidance (resource policies); NIST 800-53 SC-6
    pub ResourceLimits {
        id: "K8S-POD-023",
        name: "resource-limits-missing",
        severity: Medium,
        refs: ["NIST 800-53 SC-6"],
        fix: "set `resources.limits.cpu` and `resources.limits.memory`",
    }
}

impl Check for ResourceLimits {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for container in &workload.pod.containers {
            if container.kind == ContainerKind::Ephemeral {
                continue;
            }
            let limits = &container.resources;
            let missing: Vec<&str> = [
                ("cpu", &limits.limits_cpu),
                ("memory", &limits.limits_memory),
            ]
            .iter()
            .filter(|(_, limit)| limit.is_none())
            .map(|(name, _)| *name)
            .collect();
            if !missing.is_empty() {
                out.report_at(
                    container.header,
                    RESOURCES_LIMITS.id,
                    format!(
                        "{} has no {} limit: add `resources.limits.{}`",
                        container.describe(),
                        missing.join(" or "),
                        missing.join("` and `resources.limits.")
                    ),
                );
            }
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::{ContainerKind, RESOURCES_REQUESTS};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers and init containers without a CPU or memory request
    /// (`resources.requests.cpu`, `resources.requests.memory`) and without the corresponding
    /// limit, from which Kubernetes would copy the request.
    ///
    /// ## Why is this bad?
    /// The scheduler places pods by their requests. Without them, pods are packed onto nodes
    /// that cannot actually run them, and under pressure they are the first to be throttled
    /// and evicted (`BestEffort` quality of service): an availability problem that attackers
    /// and noisy neighbours can trigger.
    ///
    /// ## How to fix
    /// Set `resources.requests.cpu` and `resources.requests.memory` from observed usage.
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
    /// - NIST 800-53 SC-6
    pub ResourceRequests {
        id: "K8S-POD-024",
        name: "resource-requests-missing",
        severity: Low,
        refs: ["NIST 800-53 SC-6"],
        fix: "set `resources.requests.cpu` and `resources.requests.memory`",
    }
}

impl Check for ResourceRequests {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for container in &workload.pod.containers {
            if container.kind == ContainerKind::Ephemeral {
                continue;
            }
            let r = &container.resources;
            // A limit alone also sets the request to the same value.
            let missing: Vec<&str> = [
                ("cpu", r.requests_cpu.is_none() && r.limits_cpu.is_none()),
                (
                    "memory",
                    r.requests_memory.is_none() && r.limits_memory.is_none(),
                ),
            ]
            .iter()
            .filter(|(_, missing)| *missing)
            .map(|(name, _)| *name)
            .collect();
            if !missing.is_empty() {
                out.report_at(
                    container.header,
                    RESOURCES_REQUESTS.id,
                    format!(
                        "{} requests no {}: add `resources.requests.{}`",
                        container.describe(),
                        missing.join(" or "),
                        missing.join("` and `resources.requests.")
                    ),
                );
            }
        }
    }
}

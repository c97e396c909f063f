use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::{ContainerKind, LIVENESS_PROBE, READINESS_PROBE};
use crate::model::{Attr, Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers of long-running workloads (Deployment, StatefulSet, DaemonSet,
    /// ReplicaSet, ReplicationController) without a `livenessProbe` or a `readinessProbe`.
    /// Jobs, CronJobs, bare Pods, init and ephemeral containers are not checked.
    ///
    /// ## Why is this bad?
    /// Without a readiness probe, traffic reaches a pod before it can serve and while it is
    /// failing; without a liveness probe, a hung process stays in rotation until someone
    /// notices. Both turn a small fault (or a deliberate resource-exhaustion attack) into an
    /// outage.
    ///
    /// ## How to fix
    /// Add a `readinessProbe` that checks the pod can serve and a `livenessProbe` that checks
    /// the process is not stuck (an HTTP endpoint, a TCP port or a command).
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
    ///           readinessProbe:
    ///             httpGet: {path: /ready, port: 8080}
    ///           livenessProbe:
    ///             httpGet: {path: /healthz, port: 8080}
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
    ///           readiness_probe {
    ///             http_get {
    ///               path = "/ready"
    ///               port = 8080
    ///             }
    ///           }
    ///           liveness_probe {
    ///             http_get {
    ///               path = "/healthz"
    ///               port = 8080
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
    /// - [Configure Liveness, Readiness and Startup Probes](https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/)
    /// - NIST 800-53 SC-24
    pub ProbesMissing {
        id: "K8S-POD-025",
        name: "probes-missing",
        severity: Low,
        refs: ["NIST 800-53 SC-24"],
        fix: "add a `readinessProbe` and a `livenessProbe` to the container",
    }
}

impl Check for ProbesMissing {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        if !workload.is_long_running() {
            return;
        }
        for container in &workload.pod.containers {
            if container.kind != ContainerKind::Regular {
                continue;
            }
            let missing: Vec<&Attr> = [
                (&READINESS_PROBE, container.readiness_probe),
                (&LIVENESS_PROBE, container.liveness_probe),
            ]
            .into_iter()
            .filter(|(_, probe)| probe.is_none())
            .map(|(attr, _)| attr)
            .collect();
            if missing.is_empty() {
                continue;
            }
            let names: Vec<String> = missing
                .iter()
                .map(|attr| format!("`{}`", out.name(attr)))
                .collect();
            let ids: Vec<&str> = missing.iter().map(|attr| attr.id).collect();
            out.report_at(
                container.header,
                &ids.join(","),
                format!("{} has no {}", container.describe(), names.join(" or ")),
            );
        }
    }
}

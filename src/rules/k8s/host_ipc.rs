use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::HOST_IPC;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags pods that share the node's IPC namespace (`hostIPC: true`).
    ///
    /// ## Why is this bad?
    /// The pod can read and write the shared memory segments, semaphores and message queues
    /// of every process on the node, including other pods' containers that use them, and
    /// tamper with or spy on their data. The Pod Security Standards forbid it at the baseline
    /// level.
    ///
    /// ## How to fix
    /// Remove `hostIPC: true`. Containers of the same pod already share an IPC namespace.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: apps/v1
    /// kind: StatefulSet
    /// metadata:
    ///   name: cache
    ///   namespace: shop
    /// spec:
    ///   template:
    ///     spec:
    ///       hostIPC: true
    ///       containers:
    ///         - name: cache
    ///           image: registry.example.com/cache:3.2.0
    /// ```
    /// ```k8s,good
    /// apiVersion: apps/v1
    /// kind: StatefulSet
    /// metadata:
    ///   name: cache
    ///   namespace: shop
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: cache
    ///           image: registry.example.com/cache:3.2.0
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_stateful_set_v1" "cache" {
    ///   metadata {
    ///     name      = "cache"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     service_name = "cache"
    ///     selector {
    ///       match_labels = {
    ///         app = "cache"
    ///       }
    ///     }
    ///     template {
    ///       metadata {
    ///         labels = {
    ///           app = "cache"
    ///         }
    ///       }
    ///       spec {
    ///         host_ipc = true
    ///         container {
    ///           name  = "cache"
    ///           image = "registry.example.com/cache:3.2.0"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_stateful_set_v1" "cache" {
    ///   metadata {
    ///     name      = "cache"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     service_name = "cache"
    ///     selector {
    ///       match_labels = {
    ///         app = "cache"
    ///       }
    ///     }
    ///     template {
    ///       metadata {
    ///         labels = {
    ///           app = "cache"
    ///         }
    ///       }
    ///       spec {
    ///         container {
    ///           name  = "cache"
    ///           image = "registry.example.com/cache:3.2.0"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards: baseline, host namespaces](https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)
    /// - CIS Kubernetes Benchmark 5.2.4; CIS Amazon EKS Benchmark 4.2.3; NIST 800-53 SC-4
    pub HostIpc {
        id: "K8S-POD-011",
        name: "host-ipc",
        severity: High,
        refs: ["CIS Kubernetes 5.2.4", "CIS EKS 4.2.3", "PSS baseline", "NIST 800-53 SC-4"],
        fix: "remove `hostIPC: true`",
    }
}

impl Check for HostIpc {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        if workload.pod.host_ipc.is_true() {
            out.report_value(
                &HOST_IPC,
                &workload.pod.host_ipc,
                "the pod shares the node's IPC namespace",
            );
        }
    }
}

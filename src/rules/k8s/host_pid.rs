use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::HOST_PID;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags pods that share the node's process ID namespace (`hostPID: true`).
    ///
    /// ## Why is this bad?
    /// The pod sees every process on the node, with their command lines and environment
    /// (which often carry secrets). Combined with root or `SYS_PTRACE` it can signal, trace
    /// or inject into them, and `nsenter --target 1` on the node's init process is a
    /// one-line escape. The Pod Security Standards forbid it at the baseline level.
    ///
    /// ## How to fix
    /// Remove `hostPID: true`. To share processes between containers of one pod, use
    /// `shareProcessNamespace: true` instead.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: debug
    ///   namespace: shop
    /// spec:
    ///   hostPID: true
    ///   containers:
    ///     - name: debug
    ///       image: registry.example.com/debug:1.0.0
    /// ```
    /// ```k8s,good
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: debug
    ///   namespace: shop
    /// spec:
    ///   shareProcessNamespace: true
    ///   containers:
    ///     - name: debug
    ///       image: registry.example.com/debug:1.0.0
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_pod_v1" "debug" {
    ///   metadata {
    ///     name      = "debug"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     host_pid = true
    ///     container {
    ///       name  = "debug"
    ///       image = "registry.example.com/debug:1.0.0"
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_pod_v1" "debug" {
    ///   metadata {
    ///     name      = "debug"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     share_process_namespace = true
    ///     container {
    ///       name  = "debug"
    ///       image = "registry.example.com/debug:1.0.0"
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards: baseline, host namespaces](https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)
    /// - CIS Kubernetes Benchmark 5.2.3; CIS Amazon EKS Benchmark 4.2.2; NIST 800-53 AC-6
    pub HostPid {
        id: "K8S-POD-010",
        name: "host-pid",
        severity: High,
        refs: ["CIS Kubernetes 5.2.3", "CIS EKS 4.2.2", "PSS baseline", "NIST 800-53 AC-6"],
        fix: "remove `hostPID: true`",
    }
}

impl Check for HostPid {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        if workload.pod.host_pid.is_true() {
            out.report_value(
                &HOST_PID,
                &workload.pod.host_pid,
                "the pod shares the node's process namespace and sees every process on it",
            );
        }
    }
}

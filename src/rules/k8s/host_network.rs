use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::HOST_NETWORK;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags pods that share the node's network namespace (`hostNetwork: true`).
    ///
    /// ## Why is this bad?
    /// The pod sees and binds the node's interfaces: it can sniff traffic of other pods on the
    /// node, reach services listening on the node's loopback (the kubelet's and the container
    /// runtime's local endpoints), and bypass NetworkPolicies, which do not apply to
    /// host-network pods. On EKS it also reaches the instance metadata service without the hop
    /// limit that protects ordinary pods. The Pod Security Standards forbid it at the baseline
    /// level.
    ///
    /// ## How to fix
    /// Remove `hostNetwork: true`; expose the workload through a Service. Node-level agents
    /// that truly need it belong in a namespace labelled with the `privileged` Pod Security
    /// level.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: apps/v1
    /// kind: DaemonSet
    /// metadata:
    ///   name: agent
    ///   namespace: monitoring
    /// spec:
    ///   template:
    ///     spec:
    ///       hostNetwork: true
    ///       containers:
    ///         - name: agent
    ///           image: registry.example.com/agent:2.0.1
    /// ```
    /// ```k8s,good
    /// apiVersion: apps/v1
    /// kind: DaemonSet
    /// metadata:
    ///   name: agent
    ///   namespace: monitoring
    /// spec:
    ///   template:
    ///     spec:
    ///       hostNetwork: false
    ///       containers:
    ///         - name: agent
    ///           image: registry.example.com/agent:2.0.1
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_daemon_set_v1" "agent" {
    ///   metadata {
    ///     name      = "agent"
    ///     namespace = "monitoring"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         host_network = true
    ///         container {
    ///           name  = "agent"
    ///           image = "registry.example.com/agent:2.0.1"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_daemon_set_v1" "agent" {
    ///   metadata {
    ///     name      = "agent"
    ///     namespace = "monitoring"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         host_network = false
    ///         container {
    ///           name  = "agent"
    ///           image = "registry.example.com/agent:2.0.1"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards: baseline, host namespaces](https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)
    /// - CIS Kubernetes Benchmark 5.2.5; CIS Amazon EKS Benchmark 4.2.4; NIST 800-53 SC-7
    pub HostNetwork {
        id: "K8S-POD-009",
        name: "host-network",
        severity: High,
        refs: ["CIS Kubernetes 5.2.5", "CIS EKS 4.2.4", "PSS baseline", "NIST 800-53 SC-7"],
        fix: "remove `hostNetwork: true` and expose the workload through a Service",
    }
}

impl Check for HostNetwork {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        if workload.pod.host_network.is_true() {
            out.report_value(
                &HOST_NETWORK,
                &workload.pod.host_network,
                "the pod shares the node's network namespace",
            );
        }
    }
}

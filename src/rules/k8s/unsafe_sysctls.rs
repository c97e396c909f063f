use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::SYSCTLS;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags pods whose `securityContext.sysctls` set a kernel parameter outside the Pod
    /// Security Standards' safe set: `kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`,
    /// `net.ipv4.ip_unprivileged_port_start`, `net.ipv4.tcp_syncookies`,
    /// `net.ipv4.ping_group_range`, `net.ipv4.ip_local_reserved_ports`,
    /// `net.ipv4.tcp_keepalive_time`, `net.ipv4.tcp_fin_timeout`,
    /// `net.ipv4.tcp_keepalive_intvl` and `net.ipv4.tcp_keepalive_probes`.
    ///
    /// ## Why is this bad?
    /// Safe sysctls are namespaced and isolated per pod. Others either change the whole node
    /// (affecting every pod on it) or can disable security mechanisms; a pod that may set them
    /// can degrade or attack its neighbours. The Pod Security Standards allow only the safe set
    /// at the baseline level.
    ///
    /// ## How to fix
    /// Remove the sysctl. Tune node-wide kernel parameters in the node's configuration
    /// (launch template user data, a node tuning operator) instead of from a pod.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: proxy
    ///   namespace: edge
    /// spec:
    ///   template:
    ///     spec:
    ///       securityContext:
    ///         sysctls:
    ///           - name: net.core.somaxconn
    ///             value: "4096"
    ///       containers:
    ///         - name: proxy
    ///           image: registry.example.com/proxy:1.9.0
    /// ```
    /// ```k8s,good
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: proxy
    ///   namespace: edge
    /// spec:
    ///   template:
    ///     spec:
    ///       securityContext:
    ///         sysctls:
    ///           - name: net.ipv4.ip_local_port_range
    ///             value: "1024 65000"
    ///       containers:
    ///         - name: proxy
    ///           image: registry.example.com/proxy:1.9.0
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_deployment_v1" "proxy" {
    ///   metadata {
    ///     name      = "proxy"
    ///     namespace = "edge"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         security_context {
    ///           sysctl {
    ///             name  = "net.core.somaxconn"
    ///             value = "4096"
    ///           }
    ///         }
    ///         container {
    ///           name  = "proxy"
    ///           image = "registry.example.com/proxy:1.9.0"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_deployment_v1" "proxy" {
    ///   metadata {
    ///     name      = "proxy"
    ///     namespace = "edge"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         security_context {
    ///           sysctl {
    ///             name  = "net.ipv4.ip_local_port_range"
    ///             value = "1024 65000"
    ///           }
    ///         }
    ///         container {
    ///           name  = "proxy"
    ///           image = "registry.example.com/proxy:1.9.0"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards: baseline, sysctls](https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)
    /// - [Using sysctls in a Kubernetes Cluster](https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/)
    /// - NIST 800-53 SC-39
    pub UnsafeSysctls {
        id: "K8S-POD-019",
        name: "unsafe-sysctls",
        severity: Medium,
        refs: ["PSS baseline", "NIST 800-53 SC-39"],
        fix: "remove the sysctl and tune the node's kernel in the node configuration instead",
    }
}

/// The sysctls the baseline profile allows (Kubernetes 1.29 and later).
const SAFE: [&str; 10] = [
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
];

impl Check for UnsafeSysctls {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for sysctl in &workload.pod.sysctls {
            let Some(name) = sysctl.get() else {
                continue;
            };
            // Sysctl names may use `/` as the separator (`net/ipv4/tcp_syncookies`).
            if !SAFE.contains(&name.replace('/', ".").as_str()) {
                out.report_value(
                    &SYSCTLS,
                    sysctl,
                    format!("the pod sets the unsafe sysctl `{name}`"),
                );
            }
        }
    }
}

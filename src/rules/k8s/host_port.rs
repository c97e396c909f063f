use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::HOST_PORT;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers that bind a port of the node (`ports[*].hostPort` other than `0`).
    ///
    /// ## Why is this bad?
    /// A host port exposes the container on the node's address, outside Services and often
    /// outside NetworkPolicies (many CNI plugins do not apply them to host ports), and
    /// silently bypasses the load balancer's and the Service's access controls. It also
    /// limits scheduling to one such pod per node. The Pod Security Standards forbid host
    /// ports at the baseline level.
    ///
    /// ## How to fix
    /// Remove `hostPort` and expose the port through a Service (`ClusterIP`, or a
    /// `LoadBalancer` with source ranges).
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
    ///           ports:
    ///             - containerPort: 8080
    ///               hostPort: 80
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
    ///           ports:
    ///             - containerPort: 8080
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
    ///           port {
    ///             container_port = 8080
    ///             host_port      = 80
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
    ///           port {
    ///             container_port = 8080
    ///           }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards: baseline, host ports](https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)
    /// - CIS Kubernetes Benchmark 5.2.13; NIST 800-53 SC-7
    pub HostPort {
        id: "K8S-POD-014",
        name: "host-port",
        severity: Medium,
        refs: ["CIS Kubernetes 5.2.13", "PSS baseline", "NIST 800-53 SC-7"],
        fix: "remove `hostPort` and expose the port through a Service",
    }
}

impl Check for HostPort {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for container in &workload.pod.containers {
            for port in &container.host_ports {
                match port.get() {
                    Some(0) | None => {}
                    Some(number) => out.report_value(
                        &HOST_PORT,
                        port,
                        format!(
                            "{} binds port {number} of the node (hostPort)",
                            container.describe()
                        ),
                    ),
                }
            }
        }
    }
}

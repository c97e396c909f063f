use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::CAPABILITIES_DROP;
use crate::model::Resource;
use crate::rules::k8s::capabilities::normalise;
use crate::rules::k8s::effective::linux_containers;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers whose `securityContext.capabilities.drop` does not include `ALL`
    /// (including init and ephemeral containers). Pods that declare `spec.os.name: windows`
    /// are not checked: capabilities are Linux-only.
    ///
    /// ## Why is this bad?
    /// Containers start with the runtime's default capabilities, among them `NET_RAW` (forge
    /// packets, ARP- and DNS-spoof neighbours on the pod network), `DAC_OVERRIDE` (ignore file
    /// permissions), `SETUID`/`SETGID` and `MKNOD`. Few applications need any of them; dropping
    /// them all removes the tools an intruder would use next. The Pod Security Standards
    /// `restricted` profile requires dropping `ALL`.
    ///
    /// ## How to fix
    /// Set `capabilities.drop: [ALL]` and add back only `NET_BIND_SERVICE` if the process
    /// binds a port below 1024.
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
    ///           securityContext:
    ///             capabilities:
    ///               drop: [NET_RAW]
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
    ///           securityContext:
    ///             capabilities:
    ///               drop: [ALL]
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
    ///           security_context {
    ///             capabilities {
    ///               drop = ["NET_RAW"]
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
    ///           security_context {
    ///             capabilities {
    ///               drop = ["ALL"]
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
    /// - [Pod Security Standards: restricted, capabilities](https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted)
    /// - CIS Kubernetes Benchmark 5.2.8, 5.2.10; CIS Amazon EKS Benchmark 4.2.7, 4.2.9; NIST 800-53 AC-6
    pub CapabilitiesNotDropped {
        id: "K8S-POD-007",
        name: "capabilities-not-dropped",
        severity: Low,
        refs: [
            "CIS Kubernetes 5.2.8",
            "CIS Kubernetes 5.2.10",
            "CIS EKS 4.2.7",
            "CIS EKS 4.2.9",
            "PSS restricted",
            "NIST 800-53 AC-6",
        ],
        fix: "set `capabilities.drop: [ALL]` in the container's securityContext",
    }
}

impl Check for CapabilitiesNotDropped {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        for container in linux_containers(resource) {
            let drop = &container.security.capabilities_drop;
            let Some(dropped) = drop.get() else {
                continue;
            };
            // An unknown entry could be `ALL`.
            let names: Option<Vec<String>> = dropped
                .iter()
                .map(|capability| capability.get().map(|name| normalise(name)))
                .collect();
            let Some(names) = names else {
                continue;
            };
            if names.iter().any(|name| name == "ALL") {
                continue;
            }
            let message = if drop.is_default() {
                format!(
                    "{} keeps the runtime's default capabilities: add `capabilities.drop: [ALL]`",
                    container.describe()
                )
            } else {
                format!(
                    "{} drops {} but not ALL capabilities",
                    container.describe(),
                    if names.is_empty() {
                        "nothing".to_string()
                    } else {
                        names.join(", ")
                    }
                )
            };
            out.report_value(&CAPABILITIES_DROP, drop, message);
        }
    }
}

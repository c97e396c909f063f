use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::CAPABILITIES_ADD;
use crate::model::Resource;
use crate::rules::k8s::capabilities::{normalise, BASELINE_ALLOWED};
use crate::rules::k8s::effective::linux_containers;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers that add a capability the `baseline` profile tolerates but the
    /// `restricted` profile does not: anything other than `NET_BIND_SERVICE`, such as `CHOWN`,
    /// `SETUID` or `DAC_OVERRIDE`. Capabilities outside the baseline set are reported by
    /// K8S-POD-006 instead. Pods that declare `spec.os.name: windows` are not checked.
    ///
    /// ## Why is this bad?
    /// Each added capability widens what a compromised process can do: `SETUID`/`SETGID`
    /// switch users, `DAC_OVERRIDE` and `FOWNER` ignore file permissions, `CHOWN` takes files
    /// over. The Pod Security Standards `restricted` profile allows adding only
    /// `NET_BIND_SERVICE` (binding ports below 1024).
    ///
    /// ## How to fix
    /// Remove the capability; let the process run as its own user, own its files at build
    /// time, and listen on a port above 1024 (or add only `NET_BIND_SERVICE`).
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
    ///               drop: [ALL]
    ///               add: [CHOWN, SETUID]
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
    ///               add: [NET_BIND_SERVICE]
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
    ///               drop = ["ALL"]
    ///               add  = ["CHOWN", "SETUID"]
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
    ///               add  = ["NET_BIND_SERVICE"]
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
    /// - CIS Kubernetes Benchmark 5.2.9; CIS Amazon EKS Benchmark 4.2.8; NIST 800-53 AC-6
    pub CapabilityAdded {
        id: "K8S-POD-008",
        name: "capability-added",
        severity: Low,
        refs: ["CIS Kubernetes 5.2.9", "CIS EKS 4.2.8", "PSS restricted", "NIST 800-53 AC-6"],
        fix: "remove the capability; only `NET_BIND_SERVICE` may be added",
    }
}

impl Check for CapabilityAdded {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        for container in linux_containers(resource) {
            let Some(added) = container.security.capabilities_add.get() else {
                continue;
            };
            for capability in added {
                let Some(name) = capability.get() else {
                    continue;
                };
                let name = normalise(name);
                if name != "NET_BIND_SERVICE" && BASELINE_ALLOWED.contains(&name.as_str()) {
                    out.report_value(
                        &CAPABILITIES_ADD,
                        capability,
                        format!(
                            "{} adds the capability {name}; only NET_BIND_SERVICE may be added",
                            container.describe()
                        ),
                    );
                }
            }
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::CAPABILITIES_ADD;
use crate::model::{Kind, Resource};
use crate::rules::k8s::capabilities::{normalise, BASELINE_ALLOWED};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers that add a Linux capability outside the Pod Security Standards
    /// `baseline` set (`AUDIT_WRITE`, `CHOWN`, `DAC_OVERRIDE`, `FOWNER`, `FSETID`, `KILL`,
    /// `MKNOD`, `NET_BIND_SERVICE`, `SETFCAP`, `SETGID`, `SETPCAP`, `SETUID`, `SYS_CHROOT`),
    /// such as `SYS_ADMIN`, `NET_ADMIN`, `NET_RAW`, `SYS_PTRACE`, `SYS_MODULE` or `ALL`.
    ///
    /// ## Why is this bad?
    /// These capabilities hand out pieces of root's power over the node: `SYS_ADMIN` is close
    /// to privileged mode (mounts, namespaces, BPF), `SYS_MODULE` loads kernel modules,
    /// `SYS_PTRACE` reads other processes' memory, `NET_ADMIN` and `NET_RAW` reconfigure or
    /// spoof traffic on the pod network. Each is a well-trodden container escape or lateral
    /// movement path.
    ///
    /// ## How to fix
    /// Remove the capability from `securityContext.capabilities.add`. If the workload truly
    /// needs it (a CNI plugin, a node agent), run it in a dedicated namespace with the
    /// `privileged` Pod Security level and suppress this finding there with a reason.
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
    ///               add: [SYS_ADMIN, NET_RAW]
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
    ///               add = ["SYS_ADMIN", "NET_RAW"]
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
    /// - [Pod Security Standards: baseline, capabilities](https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)
    /// - CIS Kubernetes Benchmark 5.2.8, 5.2.9; CIS Amazon EKS Benchmark 4.2.7, 4.2.8; NIST 800-53 AC-6
    pub DangerousCapabilities {
        id: "K8S-POD-006",
        name: "dangerous-capabilities",
        severity: High,
        refs: [
            "CIS Kubernetes 5.2.8",
            "CIS Kubernetes 5.2.9",
            "CIS EKS 4.2.7",
            "CIS EKS 4.2.8",
            "PSS baseline",
            "NIST 800-53 AC-6",
        ],
        fix: "remove the capability from `securityContext.capabilities.add`",
    }
}

impl Check for DangerousCapabilities {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for container in &workload.pod.containers {
            let Some(added) = container.security.capabilities_add.get() else {
                continue;
            };
            for capability in added {
                let Some(name) = capability.get() else {
                    continue;
                };
                let name = normalise(name);
                if !BASELINE_ALLOWED.contains(&name.as_str()) {
                    out.report_value(
                        &CAPABILITIES_ADD,
                        capability,
                        format!("{} adds the capability {name}", container.describe()),
                    );
                }
            }
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::fix::container_setting;
use crate::model::k8s::PRIVILEGED;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers that run privileged (`securityContext.privileged: true`), including init
    /// and ephemeral containers.
    ///
    /// ## Why is this bad?
    /// A privileged container has every capability and the host's devices: it can load kernel
    /// modules, mount the host file system and escape to the node in one command. On EKS that
    /// node holds the node IAM role's credentials. The Pod Security Standards forbid it even
    /// at the baseline level.
    ///
    /// ## How to fix
    /// Remove `privileged: true` (or set it to false) and grant only the specific capabilities
    /// the workload needs.
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
    ///             privileged: true
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
    ///             privileged: false
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_deployment" "web" {
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
    ///             privileged = true
    ///           }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_deployment" "web" {
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
    ///             privileged = false
    ///           }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards: baseline, privileged containers](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
    /// - CIS Kubernetes Benchmark 5.2.2; CIS Amazon EKS Benchmark 4.2.1; NIST 800-53 AC-6
    pub PrivilegedContainer {
        id: "K8S-POD-001",
        name: "privileged-container",
        severity: Critical,
        refs: ["CIS Kubernetes 5.2.2", "CIS EKS 4.2.1", "PSS baseline", "NIST 800-53 AC-6"],
        fix: "remove `privileged: true` from the container's securityContext",
    }
}

impl Check for PrivilegedContainer {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for container in &workload.pod.containers {
            let privileged = &container.security.privileged;
            if privileged.is_true() {
                let message = format!(
                    "{} `{}` runs privileged, with full access to the node",
                    container.kind.noun(),
                    container.name
                );
                match container_setting(resource, container, privileged, &PRIVILEGED, false) {
                    Some(fix) => out.report_value_with_fix(&PRIVILEGED, privileged, message, fix),
                    None => out.report_value(&PRIVILEGED, privileged, message),
                }
            }
        }
    }
}

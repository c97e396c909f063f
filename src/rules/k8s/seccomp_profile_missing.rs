use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::SECCOMP_PROFILE;
use crate::model::Resource;
use crate::rules::k8s::effective::linux_containers;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers for which neither the container nor the pod sets a seccomp profile
    /// (`securityContext.seccompProfile.type`, or the legacy seccomp annotations). Explicitly
    /// unconfined profiles are reported by K8S-POD-015. Pods that declare
    /// `spec.os.name: windows` are not checked: seccomp is Linux-only.
    ///
    /// ## Why is this bad?
    /// Without a profile, the kubelet runs the container `Unconfined` (unless every node's
    /// kubelet runs with `--seccomp-default`, which the manifest cannot promise): every system
    /// call is allowed, including the ones most kernel exploits need. The Pod Security
    /// Standards `restricted` profile requires `RuntimeDefault` or `Localhost`.
    ///
    /// ## How to fix
    /// Set `seccompProfile: {type: RuntimeDefault}` in the pod's `securityContext`; it applies
    /// to every container.
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
    ///       securityContext:
    ///         seccompProfile:
    ///           type: RuntimeDefault
    ///       containers:
    ///         - name: web
    ///           image: registry.example.com/web:1.4.2
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
    ///         security_context {
    ///           seccomp_profile {
    ///             type = "RuntimeDefault"
    ///           }
    ///         }
    ///         container {
    ///           name  = "web"
    ///           image = "registry.example.com/web:1.4.2"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards: restricted, seccomp](https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted)
    /// - CIS Kubernetes Benchmark 5.7.2; NIST 800-53 CM-7
    pub SeccompProfileMissing {
        id: "K8S-POD-016",
        name: "seccomp-profile-missing",
        severity: Low,
        refs: ["CIS Kubernetes 5.7.2", "PSS restricted", "NIST 800-53 CM-7"],
        fix: "set `seccompProfile: {type: RuntimeDefault}` in the pod's securityContext",
    }
}

impl Check for SeccompProfileMissing {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        for container in linux_containers(resource) {
            let seccomp = &container.security.seccomp;
            if seccomp.is_default() && seccomp.get().is_some() {
                out.report_value(
                    &SECCOMP_PROFILE,
                    seccomp,
                    format!(
                        "{} has no seccomp profile and runs Unconfined: set `seccompProfile.type: RuntimeDefault`",
                        container.describe()
                    ),
                );
            }
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::SECCOMP_PROFILE;
use crate::model::Resource;
use crate::rules::k8s::effective::report_containers;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers whose seccomp profile is explicitly `Unconfined` (or any type other
    /// than `RuntimeDefault` and `Localhost`). The container's `securityContext.seccompProfile`
    /// wins over the legacy `container.seccomp.security.alpha.kubernetes.io/<name>`
    /// annotation, which wins over the pod's field and then the pod's
    /// `seccomp.security.alpha.kubernetes.io/pod` annotation, as the kubelet decides. A profile
    /// nobody sets is reported by K8S-POD-016.
    ///
    /// ## Why is this bad?
    /// Seccomp filters the system calls a container may make. `Unconfined` opens the whole
    /// kernel interface (`unshare`, `keyctl`, `bpf`, `ptrace`, ...), the surface most
    /// container-escape exploits go through. The Pod Security Standards forbid it at the
    /// baseline level.
    ///
    /// ## How to fix
    /// Set `seccompProfile.type: RuntimeDefault` in the pod's `securityContext` and remove the
    /// `Unconfined` override (or the `unconfined` annotation). If the default profile blocks a
    /// call the application needs, write a `Localhost` profile that allows just that call.
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
    ///       securityContext:
    ///         seccompProfile:
    ///           type: RuntimeDefault
    ///       containers:
    ///         - name: web
    ///           image: registry.example.com/web:1.4.2
    ///           securityContext:
    ///             seccompProfile:
    ///               type: Unconfined
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
    ///         security_context {
    ///           seccomp_profile {
    ///             type = "RuntimeDefault"
    ///           }
    ///         }
    ///         container {
    ///           name  = "web"
    ///           image = "registry.example.com/web:1.4.2"
    ///           security_context {
    ///             seccomp_profile {
    ///               type = "Unconfined"
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
    /// - [Pod Security Standards: baseline, seccomp](https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)
    /// - [Restrict a Container's Syscalls with seccomp](https://kubernetes.io/docs/tutorials/security/seccomp/)
    /// - CIS Kubernetes Benchmark 5.7.2; NIST 800-53 CM-7
    pub SeccompUnconfined {
        id: "K8S-POD-015",
        name: "seccomp-unconfined",
        severity: Medium,
        refs: ["CIS Kubernetes 5.7.2", "PSS baseline", "NIST 800-53 CM-7"],
        fix: "use `seccompProfile.type: RuntimeDefault` (or a Localhost profile) instead of Unconfined",
    }
}

impl Check for SeccompUnconfined {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        report_containers(
            resource,
            out,
            &SECCOMP_PROFILE,
            |container| &container.security.seccomp,
            |seccomp| {
                !seccomp.is_default()
                    && seccomp.get().is_some_and(|profile| {
                        profile != "RuntimeDefault" && profile != "Localhost"
                    })
            },
            |subject, seccomp| {
                format!(
                    "seccomp profile `{}` lets {subject} make every system call",
                    seccomp.get().map_or("", String::as_str)
                )
            },
        );
    }
}

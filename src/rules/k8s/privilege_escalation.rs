use crate::check::Context;
use crate::finding::Reporter;
use crate::fix::container_setting;
use crate::model::k8s::ALLOW_PRIVILEGE_ESCALATION;
use crate::model::Resource;
use crate::rules::k8s::effective::linux_containers;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers (including init and ephemeral containers) that do not set
    /// `securityContext.allowPrivilegeEscalation: false`. Kubernetes' default is `true`.
    /// Pods that declare `spec.os.name: windows` are not checked: the setting is Linux-only.
    ///
    /// ## Why is this bad?
    /// Without it the kernel's `no_new_privs` flag is not set, so a process in the container
    /// can gain more privileges than its parent through setuid or setgid binaries (`sudo`,
    /// `su`, a planted binary) or file capabilities. An attacker who gets code execution as an
    /// unprivileged user can then become root inside the container, one step from the node.
    /// The Pod Security Standards `restricted` profile requires `false`.
    ///
    /// ## How to fix
    /// Set `allowPrivilegeEscalation: false` in every container's `securityContext`. It cannot
    /// be set at the pod level.
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
    ///       containers:
    ///         - name: web
    ///           image: registry.example.com/web:1.4.2
    ///           securityContext:
    ///             allowPrivilegeEscalation: false
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
    ///         container {
    ///           name  = "web"
    ///           image = "registry.example.com/web:1.4.2"
    ///           security_context {
    ///             allow_privilege_escalation = false
    ///           }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards: restricted, privilege escalation](https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted)
    /// - CIS Kubernetes Benchmark 5.2.6; CIS Amazon EKS Benchmark 4.2.5; NIST 800-53 AC-6
    pub PrivilegeEscalation {
        id: "K8S-POD-002",
        name: "privilege-escalation-allowed",
        severity: Medium,
        refs: ["CIS Kubernetes 5.2.6", "CIS EKS 4.2.5", "PSS restricted", "NIST 800-53 AC-6"],
        fix: "set `allowPrivilegeEscalation: false` in the container's securityContext",
    }
}

impl Check for PrivilegeEscalation {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        for container in linux_containers(resource) {
            let allowed = &container.security.allow_privilege_escalation;
            if !allowed.is_true() {
                continue;
            }
            let message = if allowed.is_default() {
                format!(
                    "{} does not set `allowPrivilegeEscalation: false`, so setuid binaries can gain privileges",
                    container.describe()
                )
            } else {
                format!(
                    "{} allows privilege escalation through setuid binaries",
                    container.describe()
                )
            };
            match container_setting(
                resource,
                container,
                allowed,
                &ALLOW_PRIVILEGE_ESCALATION,
                false,
            ) {
                Some(fix) => {
                    out.report_value_with_fix(&ALLOW_PRIVILEGE_ESCALATION, allowed, message, fix)
                }
                None => out.report_value(&ALLOW_PRIVILEGE_ESCALATION, allowed, message),
            }
        }
    }
}

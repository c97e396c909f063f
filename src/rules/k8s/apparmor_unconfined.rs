use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::APPARMOR_PROFILE;
use crate::model::Resource;
use crate::rules::k8s::effective::report_containers;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers whose AppArmor profile is `Unconfined` (or anything other than
    /// `RuntimeDefault` and `Localhost`), whether set by `securityContext.appArmorProfile` on
    /// the container or the pod, or by the
    /// `container.apparmor.security.beta.kubernetes.io/<name>` annotation. A container with no
    /// profile gets the runtime's default and is not flagged.
    ///
    /// ## Why is this bad?
    /// On nodes with AppArmor (Ubuntu, Bottlerocket) the runtime's default profile denies
    /// writes to `/proc` and `/sys` and mounting file systems, which blocks several escape
    /// techniques. `unconfined` removes that layer. The Pod Security Standards forbid it at
    /// the baseline level.
    ///
    /// ## How to fix
    /// Remove the `Unconfined` profile (or the `unconfined` annotation), or set
    /// `appArmorProfile.type: RuntimeDefault`; use a `Localhost` profile for special needs.
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
    ///     metadata:
    ///       annotations:
    ///         container.apparmor.security.beta.kubernetes.io/web: unconfined
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
    ///         appArmorProfile:
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
    ///       metadata {
    ///         annotations = {
    ///           "container.apparmor.security.beta.kubernetes.io/web" = "unconfined"
    ///         }
    ///       }
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
    ///       metadata {
    ///         annotations = {
    ///           "container.apparmor.security.beta.kubernetes.io/web" = "runtime/default"
    ///         }
    ///       }
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
    ///
    /// ## References
    /// - [Pod Security Standards: baseline, AppArmor](https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)
    /// - [Restrict a Container's Access to Resources with AppArmor](https://kubernetes.io/docs/tutorials/security/apparmor/)
    /// - NIST 800-53 CM-7
    pub AppArmorUnconfined {
        id: "K8S-POD-017",
        name: "apparmor-unconfined",
        severity: Medium,
        refs: ["PSS baseline", "NIST 800-53 CM-7"],
        fix: "remove the Unconfined AppArmor profile or set `appArmorProfile.type: RuntimeDefault`",
    }
}

impl Check for AppArmorUnconfined {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        report_containers(
            resource,
            out,
            &APPARMOR_PROFILE,
            |container| &container.security.app_armor,
            |profile| {
                !profile.is_default()
                    && profile
                        .get()
                        .is_some_and(|name| name != "RuntimeDefault" && name != "Localhost")
            },
            |subject, profile| {
                format!(
                    "AppArmor profile `{}` leaves {subject} without AppArmor confinement",
                    profile.get().map_or("", String::as_str)
                )
            },
        );
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::SE_LINUX_OPTIONS;
use crate::model::{Kind, Resource};
use crate::rules::k8s::effective::report_once_per_value;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers whose effective `seLinuxOptions` set a `user` or `role`, or a `type`
    /// other than `container_t`, `container_init_t`, `container_kvm_t` and
    /// `container_engine_t`. The container's `seLinuxOptions` replace the pod's as a whole,
    /// as in Kubernetes.
    ///
    /// ## Why is this bad?
    /// On SELinux nodes (Red Hat family, Bottlerocket) the container type confines what the
    /// process may touch on the host. A custom type such as `spc_t` ("super privileged
    /// container") or `unconfined_t`, or a custom user or role, lifts that confinement. The
    /// Pod Security Standards forbid it at the baseline level.
    ///
    /// ## How to fix
    /// Remove `user`, `role` and custom `type`s from `seLinuxOptions`; keep `level` for
    /// multi-category separation if needed.
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
    ///         seLinuxOptions:
    ///           type: spc_t
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
    ///         seLinuxOptions:
    ///           level: "s0:c123,c456"
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
    ///           se_linux_options {
    ///             type = "spc_t"
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
    ///           se_linux_options {
    ///             level = "s0:c123,c456"
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
    /// - [Pod Security Standards: baseline, SELinux](https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)
    /// - NIST 800-53 AC-3(3)
    pub SelinuxOptions {
        id: "K8S-POD-020",
        name: "selinux-custom-options",
        severity: Medium,
        refs: ["PSS baseline", "NIST 800-53 AC-3(3)"],
        fix: "remove `user`, `role` and custom `type` from seLinuxOptions",
    }
}

const ALLOWED_TYPES: [&str; 4] = [
    "container_t",
    "container_init_t",
    "container_kvm_t",
    "container_engine_t",
];

impl Check for SelinuxOptions {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        // Options set once on the pod apply to several containers: report each value once.
        let mut types = Vec::new();
        let mut users = Vec::new();
        let mut roles = Vec::new();
        for container in &workload.pod.containers {
            let Some(options) = container.security.se_linux.get() else {
                continue;
            };
            if let Some(selinux_type) = &options.type_ {
                if selinux_type
                    .get()
                    .is_some_and(|name| !name.is_empty() && !ALLOWED_TYPES.contains(&name.as_str()))
                {
                    types.push((container, selinux_type));
                }
            }
            for (value, list) in [(&options.user, &mut users), (&options.role, &mut roles)] {
                if let Some(value) = value {
                    if value.get().is_some_and(|text| !text.is_empty()) {
                        list.push((container, value));
                    }
                }
            }
        }
        report_once_per_value(out, &SE_LINUX_OPTIONS, &types, |subject, value| {
            format!(
                "SELinux type `{}` lifts the container confinement of {subject}",
                value.get().map_or("", String::as_str)
            )
        });
        for (field, hits) in [("user", &users), ("role", &roles)] {
            report_once_per_value(out, &SE_LINUX_OPTIONS, hits, |subject, _| {
                format!("a custom SELinux {field} is set for {subject}")
            });
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::fix::container_setting;
use crate::model::k8s::READ_ONLY_ROOT_FILESYSTEM;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers that do not set `securityContext.readOnlyRootFilesystem: true`
    /// (including init and ephemeral containers). Not part of the Pod Security Standards; a
    /// hardening practice from the CIS benchmarks and the NSA/CISA Kubernetes Hardening Guide.
    ///
    /// ## Why is this bad?
    /// A writable root file system lets an intruder drop tools, modify the application's code
    /// or configuration, and persist for the life of the container. Immutable containers make
    /// such changes fail and keep what the container writes in explicit volumes.
    ///
    /// ## How to fix
    /// Set `readOnlyRootFilesystem: true` and mount an `emptyDir` volume at the few paths the
    /// application writes to (`/tmp`, a cache directory).
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
    ///             readOnlyRootFilesystem: false
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
    ///             readOnlyRootFilesystem: true
    ///           volumeMounts:
    ///             - name: tmp
    ///               mountPath: /tmp
    ///       volumes:
    ///         - name: tmp
    ///           emptyDir: {}
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
    ///             read_only_root_filesystem = false
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
    ///             read_only_root_filesystem = true
    ///           }
    ///           volume_mount {
    ///             name       = "tmp"
    ///             mount_path = "/tmp"
    ///           }
    ///         }
    ///         volume {
    ///           name = "tmp"
    ///           empty_dir {}
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Configure a Security Context for a Pod or Container](https://kubernetes.io/docs/tasks/configure-pod-container/security-context/)
    /// - CIS Kubernetes Benchmark 5.7.3; CIS Amazon EKS Benchmark 4.6.2; NIST 800-53 CM-7
    pub WritableRootFilesystem {
        id: "K8S-POD-005",
        name: "writable-root-filesystem",
        severity: Low,
        refs: ["CIS Kubernetes 5.7.3", "CIS EKS 4.6.2", "NIST 800-53 CM-7"],
        fix: "set `readOnlyRootFilesystem: true` and mount emptyDir volumes where the app writes",
    }
}

impl Check for WritableRootFilesystem {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for container in &workload.pod.containers {
            let read_only = &container.security.read_only_root_filesystem;
            if !read_only.is_false() {
                continue;
            }
            let message = if read_only.is_default() {
                format!(
                    "{} has a writable root file system: add `readOnlyRootFilesystem: true`",
                    container.describe()
                )
            } else {
                format!("{} has a writable root file system", container.describe())
            };
            match container_setting(
                resource,
                container,
                read_only,
                &READ_ONLY_ROOT_FILESYSTEM,
                true,
            ) {
                Some(fix) => {
                    out.report_value_with_fix(&READ_ONLY_ROOT_FILESYSTEM, read_only, message, fix)
                }
                None => out.report_value(&READ_ONLY_ROOT_FILESYSTEM, read_only, message),
            }
        }
    }
}

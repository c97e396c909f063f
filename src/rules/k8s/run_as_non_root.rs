use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::RUN_AS_NON_ROOT;
use crate::model::Resource;
use crate::rules::k8s::effective::report_containers;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers whose effective `runAsNonRoot` is not `true`. The container's
    /// `securityContext` wins over the pod's, as in Kubernetes: a pod-level `true` does not help
    /// a container that sets `false`, and a container-level `true` is enough even when the pod
    /// says `false`. Init and ephemeral containers are checked too.
    ///
    /// ## Why is this bad?
    /// Without `runAsNonRoot: true` the container runs as whatever user its image names, and
    /// most images name root (UID 0). Root in a container shares UID 0 with the node: a kernel
    /// bug, a writable host mount or a mis-set capability turns it into root on the node. With
    /// `runAsNonRoot: true` the kubelet refuses to start a container that would run as root.
    /// The Pod Security Standards `restricted` profile requires it.
    ///
    /// ## How to fix
    /// Set `runAsNonRoot: true` in the pod's `securityContext` (it applies to every container)
    /// and give the image, or `runAsUser`, a non-zero UID. Remove container-level
    /// `runAsNonRoot: false` overrides.
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
    ///         runAsNonRoot: true
    ///       containers:
    ///         - name: web
    ///           image: registry.example.com/web:1.4.2
    ///           securityContext:
    ///             runAsNonRoot: false
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
    ///         runAsNonRoot: true
    ///         runAsUser: 10001
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
    ///           run_as_non_root = true
    ///         }
    ///         container {
    ///           name  = "web"
    ///           image = "registry.example.com/web:1.4.2"
    ///           security_context {
    ///             run_as_non_root = false
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
    ///           run_as_non_root = true
    ///           run_as_user     = 10001
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
    /// - [Pod Security Standards: restricted, running as non-root](https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted)
    /// - CIS Kubernetes Benchmark 5.2.7; CIS Amazon EKS Benchmark 4.2.6; NIST 800-53 AC-6
    pub RunAsNonRoot {
        id: "K8S-POD-003",
        name: "run-as-non-root-not-enforced",
        severity: Medium,
        refs: ["CIS Kubernetes 5.2.7", "CIS EKS 4.2.6", "PSS restricted", "NIST 800-53 AC-6"],
        fix: "set `runAsNonRoot: true` in the pod's securityContext and run the image as a non-zero UID",
    }
}

impl Check for RunAsNonRoot {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        report_containers(
            resource,
            out,
            &RUN_AS_NON_ROOT,
            |container| &container.security.run_as_non_root,
            |non_root| non_root.is_false(),
            |subject, non_root| {
                if non_root.is_default() {
                    format!("{subject} may run as root: nothing sets `runAsNonRoot: true`")
                } else {
                    format!("`runAsNonRoot: false`: {subject} may run as root")
                }
            },
        );
    }
}

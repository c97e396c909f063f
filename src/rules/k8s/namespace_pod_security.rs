use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::inventory::{ENFORCE_LABEL, POD_SECURITY_LABEL, SYSTEM_NAMESPACES};
use crate::model::{Resource, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags namespaces that do not enforce a Pod Security Standard: a `Namespace` without the
    /// `pod-security.kubernetes.io/enforce` label (or with it set to `privileged`), and a
    /// namespace that workloads use but no scanned manifest defines, reported at its first
    /// workload.
    ///
    /// ## Why is this bad?
    /// Pod Security Admission, the successor of PodSecurityPolicy (removed in Kubernetes 1.25),
    /// is switched on per namespace by this label. Without it, the API server admits any pod:
    /// privileged containers, host namespaces, `hostPath` mounts of the node's file system. The
    /// label is the one control that stops such a pod even when a manifest scanner is bypassed
    /// (a `kubectl run`, a compromised CI job).
    ///
    /// When the scan includes the API server's `PodSecurity` admission configuration with a
    /// cluster-wide `defaults.enforce` level, namespaces without the label are covered by it and
    /// not reported. `kube-system`, `kube-public` and `kube-node-lease` are not checked.
    ///
    /// ## How to fix
    /// Label each namespace with the strictest level its workloads allow, `restricted` where
    /// possible, `baseline` otherwise; use the `warn` and `audit` labels to try a stricter level
    /// first.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: v1
    /// kind: Namespace
    /// metadata:
    ///   name: shop
    /// ---
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
    /// apiVersion: v1
    /// kind: Namespace
    /// metadata:
    ///   name: shop
    ///   labels:
    ///     pod-security.kubernetes.io/enforce: restricted
    /// ---
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
    /// ```tf,bad
    /// resource "kubernetes_namespace_v1" "shop" {
    ///   metadata {
    ///     name = "shop"
    ///   }
    /// }
    ///
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
    /// resource "kubernetes_namespace_v1" "shop" {
    ///   metadata {
    ///     name = "shop"
    ///     labels = {
    ///       "pod-security.kubernetes.io/enforce" = "restricted"
    ///     }
    ///   }
    /// }
    ///
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
    ///
    /// ## References
    /// - [Kubernetes: enforce Pod Security Standards with namespace labels](https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/)
    /// - [Pod Security Admission](https://kubernetes.io/docs/concepts/security/pod-security-admission/)
    /// - CIS Kubernetes Benchmark 5.2.1; NIST 800-53 CM-7
    pub NamespacePodSecurity {
        id: "K8S-NS-002",
        name: "namespace-without-pod-security-admission",
        severity: Medium,
        refs: ["CIS Kubernetes 5.2.1", "NIST 800-53 CM-7"],
        fix: "label the namespace `pod-security.kubernetes.io/enforce: restricted` (or `baseline`)",
    }
}

impl Check for NamespacePodSecurity {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Some(namespace) = cx.cluster.namespace_represented_by(resource) else {
            return;
        };
        let name = namespace.name.as_str();
        if SYSTEM_NAMESPACES.contains(&name) || cx.cluster.pod_security_default(name).is_some() {
            return;
        }
        let Some(object) = namespace.object else {
            out.report_missing(
                &POD_SECURITY_LABEL,
                format!(
                    "namespace `{name}` is defined in no scanned manifest, so nothing shows it \
                     carries a `{ENFORCE_LABEL}` label: its pods may be admitted unchecked"
                ),
            );
            return;
        };
        let label = object
            .body
            .path(&["metadata", "labels", ENFORCE_LABEL])
            .filter(|node| !node.is_null())
            .map(Val::from_str_node);
        match label {
            None => out.report_missing(
                &POD_SECURITY_LABEL,
                format!(
                    "namespace `{name}` has no `{ENFORCE_LABEL}` label, so Pod Security \
                     Admission admits any pod, privileged ones included"
                ),
            ),
            Some(level) if level.get().map(String::as_str) == Some("privileged") => out
                .report_value(
                    &POD_SECURITY_LABEL,
                    &level,
                    format!(
                        "namespace `{name}` enforces the `privileged` Pod Security level, which \
                         allows everything"
                    ),
                ),
            Some(_) => {}
        }
    }
}

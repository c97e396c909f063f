use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::inventory::{describe, pod_identity, SERVICE_ACCOUNT};
use crate::model::Resource;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags workloads whose pods run as their namespace's `default` service account: with
    /// `serviceAccountName: default`, or with no service account named at all. Static pods of
    /// control-plane components are not checked: the kubelet runs them without one.
    ///
    /// ## Why is this bad?
    /// Every pod that names no service account shares the `default` one. Any permission granted
    /// to it, by a binding meant for one application, is then held by every pod of the
    /// namespace, and its API token (mounted unless disabled) identifies none of them. A
    /// dedicated service account per workload keeps grants, and on EKS IAM roles for service
    /// accounts, limited to the pods that need them.
    ///
    /// ## How to fix
    /// Create a ServiceAccount for the workload, set `serviceAccountName` to it, and leave the
    /// `default` account without permissions and with `automountServiceAccountToken: false`.
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
    /// apiVersion: v1
    /// kind: ServiceAccount
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// ---
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   template:
    ///     spec:
    ///       serviceAccountName: web
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
    /// resource "kubernetes_service_account_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
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
    ///         service_account_name = "web"
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
    /// - [Kubernetes: service accounts](https://kubernetes.io/docs/concepts/security/service-accounts/)
    /// - CIS Kubernetes Benchmark 5.1.5; CIS Amazon EKS Benchmark 4.1.5; NIST 800-53 AC-6
    pub ServiceAccountDefault {
        id: "K8S-SA-001",
        name: "default-service-account",
        severity: Low,
        refs: ["CIS Kubernetes 5.1.5", "CIS EKS 4.1.5", "NIST 800-53 AC-6"],
        fix: "create a ServiceAccount for the workload and set `serviceAccountName` to it",
    }
}

impl Check for ServiceAccountDefault {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Some(identity) = pod_identity(resource) else {
            return;
        };
        if cx.cluster.is_static_pod(resource) {
            return;
        }
        let account = &identity.service_account;
        if account.get().map(String::as_str) != Some("default") {
            return;
        }
        let message = if account.is_default() {
            format!(
                "{} names no `serviceAccountName`, so its pods run as the namespace's `default` service account",
                describe(resource)
            )
        } else {
            format!(
                "{} runs as the namespace's `default` service account",
                describe(resource)
            )
        };
        out.report_value(&SERVICE_ACCOUNT, account, message);
    }
}

use crate::check::Context;
use crate::finding::{Related, Reporter};
use crate::model::k8s::inventory::{describe, pod_identity, AUTOMOUNT_TOKEN};
use crate::model::Resource;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags workloads whose pods get a service account token mounted automatically: the pod
    /// spec does not set `automountServiceAccountToken: false`, and neither does the
    /// ServiceAccount it runs as. The ServiceAccount may be in another file of the scan; a
    /// named one that no scanned manifest defines is not judged (its setting is unknown), but
    /// the `default` account, which Kubernetes creates with automounting on, is. Static pods of
    /// control-plane components get no token and are not checked.
    ///
    /// ## Why is this bad?
    /// The token at `/var/run/secrets/kubernetes.io/serviceaccount/token` is a credential for
    /// the Kubernetes API. Most applications never call the API, yet anyone who gets code
    /// execution in the container (a vulnerable dependency, a server-side request forgery that
    /// reads files) can use the token with every permission of the service account.
    ///
    /// ## How to fix
    /// Set `automountServiceAccountToken: false` on the ServiceAccount, or in the pod spec of
    /// workloads that do not talk to the API server. A workload that does can mount a projected
    /// token with a short lifetime and audience instead.
    ///
    /// ## Example
    /// ```k8s,bad
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
    /// ```k8s,good
    /// apiVersion: v1
    /// kind: ServiceAccount
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// automountServiceAccountToken: false
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
    /// # The ServiceAccount disables automounting, but the provider writes
    /// # `automount_service_account_token = true` into every pod spec that does not set it,
    /// # and the pod's setting wins.
    /// resource "kubernetes_service_account_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
    ///   }
    ///   automount_service_account_token = false
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
    /// ```tf,good
    /// resource "kubernetes_service_account_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
    ///   }
    ///   automount_service_account_token = false
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
    ///         service_account_name            = "web"
    ///         automount_service_account_token = false
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
    /// - [Kubernetes: opt out of API credential automounting](https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting)
    /// - CIS Kubernetes Benchmark 5.1.6; CIS Amazon EKS Benchmark 4.1.6; NIST 800-53 AC-6
    pub ServiceAccountTokenAutomount {
        id: "K8S-SA-002",
        name: "service-account-token-automounted",
        severity: Medium,
        refs: ["CIS Kubernetes 5.1.6", "CIS EKS 4.1.6", "NIST 800-53 AC-6"],
        fix: "set `automountServiceAccountToken: false` on the ServiceAccount or in the pod spec",
    }
}

impl Check for ServiceAccountTokenAutomount {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Some(identity) = pod_identity(resource) else {
            return;
        };
        if cx.cluster.is_static_pod(resource) {
            return;
        }
        let subject = describe(resource);
        // The pod spec's setting overrides the service account's.
        if let Some(automount) = &identity.automount {
            if automount.is_true() {
                out.report_value(
                    &AUTOMOUNT_TOKEN,
                    automount,
                    format!("{subject} mounts a service account token into every pod (`automountServiceAccountToken: true`)"),
                );
            }
            return;
        }
        let (Some(namespace), Some(name)) =
            (identity.namespace.get(), identity.service_account.get())
        else {
            return;
        };
        match cx.cluster.service_account(namespace, name) {
            Some(account) => {
                let related = match &account.automount {
                    Some(setting) if !setting.is_true() => return, // false, or unknown
                    Some(setting) => Related {
                        span: setting.span(),
                        message: format!(
                            "ServiceAccount `{name}` sets `automountServiceAccountToken: true`"
                        ),
                    },
                    None => Related {
                        span: account.resource.header,
                        message: format!(
                            "ServiceAccount `{name}` does not set `automountServiceAccountToken: false`"
                        ),
                    },
                };
                out.report_with_related(
                    resource.header,
                    &AUTOMOUNT_TOKEN,
                    format!("{subject} gets the API token of service account `{name}` mounted into every pod: neither the pod spec nor the ServiceAccount disables `automountServiceAccountToken`"),
                    vec![related],
                );
            }
            None if name == "default" => out.report_missing(
                &AUTOMOUNT_TOKEN,
                format!("{subject} gets the API token of the `default` service account mounted into every pod: the pod spec does not set `automountServiceAccountToken: false`"),
            ),
            // A service account defined outside the scan: its setting is unknown.
            None => {}
        }
    }
}

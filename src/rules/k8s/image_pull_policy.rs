use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::{ImageRef, IMAGE_PULL_POLICY};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers whose image is referenced by a mutable tag (no digest) and whose
    /// effective `imagePullPolicy` is not `Always`. When the policy is omitted, Kubernetes
    /// uses `IfNotPresent` for any tag other than `latest`, so that case is flagged too.
    ///
    /// ## Why is this bad?
    /// With `IfNotPresent` a node reuses whatever image it cached under that tag: nodes drift
    /// apart when a tag is moved, and a pod can start from a private image another tenant
    /// pulled without presenting any registry credentials of its own (the reason for the
    /// `AlwaysPullImages` admission plugin).
    ///
    /// ## How to fix
    /// Pin the image by digest (then any pull policy is safe), or set
    /// `imagePullPolicy: Always`.
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
    ///           imagePullPolicy: IfNotPresent
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
    ///           imagePullPolicy: Always
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
    ///           image_pull_policy = "IfNotPresent"
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
    ///           image_pull_policy = "Always"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Images: image pull policy](https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy)
    /// - CIS Kubernetes Benchmark 1.2.11 (AlwaysPullImages); NIST 800-53 CM-14
    pub ImagePullPolicy {
        id: "K8S-IMG-004",
        name: "image-pull-policy-not-always",
        severity: Low,
        refs: ["CIS Kubernetes 1.2.12", "NIST 800-53 CM-14"],
        fix: "pin the image by digest or set `imagePullPolicy: Always`",
    }
}

impl Check for ImagePullPolicy {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for container in &workload.pod.containers {
            let (Some(image), Some(policy)) = (&container.image, &container.image_pull_policy)
            else {
                continue;
            };
            let (Some(text), Some(policy_text)) = (image.get(), policy.get()) else {
                continue;
            };
            if text.trim().is_empty()
                || !ImageRef::parse(text).is_mutable()
                || policy_text == "Always"
            {
                continue;
            }
            let message = if policy.is_default() {
                format!(
                    "{} pulls the mutable image `{text}` only if not present (the default for a tag): set `imagePullPolicy: Always` or pin a digest",
                    container.describe()
                )
            } else {
                format!(
                    "{} pulls the mutable image `{text}` with `imagePullPolicy: {policy_text}`",
                    container.describe()
                )
            };
            out.report_value(&IMAGE_PULL_POLICY, policy, message);
        }
    }
}

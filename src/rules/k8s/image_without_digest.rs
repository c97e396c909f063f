use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::{ImageRef, IMAGE};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags container images referenced by tag only, without an `@sha256:` digest.
    /// Informational: most teams pin tags; digests are the stronger guarantee.
    ///
    /// ## Why is this bad?
    /// Tags are mutable: whoever can push to the repository (or compromises it) can move
    /// `web:1.4.2` to different content, and every node that pulls next runs it. A digest
    /// names exactly the content that was reviewed, scanned and signed.
    ///
    /// ## How to fix
    /// Reference images as `repository:tag@sha256:<digest>`; keep the tag for readability.
    /// Renovate, Dependabot or `crane digest` keep digests up to date.
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
    ///           image: registry.example.com/web:1.4.2@sha256:3b6c2e5f0c8d9a1e4f7b2c5d8e1f4a7b0c3d6e9f2a5b8c1d4e7f0a3b6c9d2e5f
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
    ///           image = "registry.example.com/web:1.4.2@sha256:3b6c2e5f0c8d9a1e4f7b2c5d8e1f4a7b0c3d6e9f2a5b8c1d4e7f0a3b6c9d2e5f"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Images: image names](https://kubernetes.io/docs/concepts/containers/images/#image-names)
    /// - NIST 800-53 CM-14, SI-7
    pub ImageWithoutDigest {
        id: "K8S-IMG-002",
        name: "image-without-digest",
        severity: Low,
        refs: ["NIST 800-53 CM-14", "NIST 800-53 SI-7"],
        fix: "pin the image by digest: `repository:tag@sha256:...`",
    }
}

impl Check for ImageWithoutDigest {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for container in &workload.pod.containers {
            let Some(image) = &container.image else {
                continue;
            };
            let Some(text) = image.get() else {
                continue;
            };
            if !text.trim().is_empty() && ImageRef::parse(text).is_mutable() {
                out.report_value(
                    &IMAGE,
                    image,
                    format!(
                        "{} uses image `{text}` without a digest",
                        container.describe()
                    ),
                );
            }
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::{ImageRef, IMAGE};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers whose image uses the `:latest` tag or no tag at all (which means
    /// `:latest`), unless a digest pins it.
    ///
    /// ## Why is this bad?
    /// `latest` names whatever was pushed last. Two nodes can run different code under the
    /// same manifest, a rollback redeploys the broken version, and anyone who can push to the
    /// repository changes production without a review of this file. It also hides which
    /// version a vulnerability report is about.
    ///
    /// ## How to fix
    /// Pin a version tag (`web:1.4.2`) or, better, a digest (`web@sha256:...`), and update it
    /// through a pull request (Renovate and Dependabot do this).
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
    ///           image: registry.example.com/web:latest
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
    ///           image = "registry.example.com/web:latest"
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
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Images: image names and tags](https://kubernetes.io/docs/concepts/containers/images/#image-names)
    /// - NIST 800-53 CM-2, CM-14
    pub ImageLatestTag {
        id: "K8S-IMG-001",
        name: "image-latest-tag",
        severity: Medium,
        refs: ["NIST 800-53 CM-2", "NIST 800-53 CM-14"],
        fix: "pin the image to a version tag or a digest instead of `latest`",
    }
}

impl Check for ImageLatestTag {
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
            let reference = ImageRef::parse(text);
            if text.trim().is_empty() || !reference.is_latest() {
                continue;
            }
            let how = if reference.tag.is_some() {
                "the `latest` tag"
            } else {
                "no tag, which means `latest`"
            };
            out.report_value(
                &IMAGE,
                image,
                format!("{} uses image `{text}` with {how}", container.describe()),
            );
        }
    }
}

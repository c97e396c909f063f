use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::{ImageRef, IMAGE};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags container images pulled from a registry that is not on the organisation's
    /// approved list (`--approved-registries`, e.g.
    /// `123456789012.dkr.ecr.eu-west-1.amazonaws.com,ghcr.io/acme`). An entry is a registry
    /// host, optionally with a path prefix matched on whole segments; images without a host
    /// come from Docker Hub (`docker.io`, official images under `docker.io/library`). Silent
    /// when no approved registries are configured.
    ///
    /// ## Why is this bad?
    /// Images from arbitrary registries bypass the organisation's vulnerability scanning,
    /// signing and provenance controls, and a typo-squatted or hijacked public repository
    /// runs attacker code inside the cluster. The EKS hardening guidance and the CIS EKS
    /// Benchmark ask to restrict images to approved registries.
    ///
    /// ## How to fix
    /// Mirror the image into an approved registry (for example with ECR pull-through cache)
    /// and reference it there; enforce the same list at admission (Kyverno, Gatekeeper).
    ///
    /// ## Example
    /// ```k8s,bad
    /// # iacguard scan --approved-registries registry.example.com
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
    ///           image: docker.io/someone/web:1.4.2
    /// ```
    /// ```k8s,good
    /// # iacguard scan --approved-registries registry.example.com
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
    /// # iacguard scan --approved-registries registry.example.com
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
    ///           image = "docker.io/someone/web:1.4.2"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// # iacguard scan --approved-registries registry.example.com
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
    /// - [Amazon EKS Best Practices: use images from trusted registries](https://docs.aws.amazon.com/eks/latest/best-practices/image-security.html)
    /// - CIS Amazon EKS Benchmark 5.1.4; CIS Kubernetes Benchmark 5.5.1; CCE-86901-6; NIST 800-53 CM-7(5)
    pub UnapprovedRegistry {
        id: "K8S-IMG-003",
        name: "unapproved-registry",
        severity: Medium,
        refs: [
            "CIS EKS 5.1.4",
            "CIS Kubernetes 5.5.1",
            "CCE-86901-6",
            "NIST 800-53 CM-7(5)",
        ],
        fix: "pull the image from an approved registry (see --approved-registries)",
    }
}

impl Check for UnapprovedRegistry {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let approved = &cx.policy.approved_registries;
        if approved.iter().all(|entry| entry.trim().is_empty()) {
            return;
        }
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for container in &workload.pod.containers {
            let Some(image) = &container.image else {
                continue;
            };
            let Some(text) = image.get().filter(|text| !text.trim().is_empty()) else {
                continue;
            };
            let reference = ImageRef::parse(text);
            if !approved.iter().any(|entry| reference.is_from(entry)) {
                out.report_value(
                    &IMAGE,
                    image,
                    format!(
                        "{} pulls `{text}` from `{}`, which is not an approved registry",
                        container.describe(),
                        reference.registry
                    ),
                );
            }
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::EXTERNAL_IPS;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Services that set `spec.externalIPs`.
    ///
    /// ## Why is this bad?
    /// kube-proxy routes traffic for an external IP to the Service on every node, whoever
    /// owns that address. Anyone who may create or edit Services can claim any IP, another
    /// service's or a public one, and intercept the cluster's traffic to it
    /// (CVE-2020-8554, which has no fix but not using the field).
    ///
    /// ## How to fix
    /// Remove `externalIPs`; use a `LoadBalancer` Service or an Ingress. Enable the
    /// `DenyServiceExternalIPs` admission plugin to refuse the field cluster-wide.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   selector:
    ///     app: web
    ///   ports:
    ///     - port: 80
    ///   externalIPs:
    ///     - 198.51.100.7
    /// ```
    /// ```k8s,good
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   selector:
    ///     app: web
    ///   ports:
    ///     - port: 80
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_service_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     selector = {
    ///       app = "web"
    ///     }
    ///     port {
    ///       port = 80
    ///     }
    ///     external_ips = ["198.51.100.7"]
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_service_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     selector = {
    ///       app = "web"
    ///     }
    ///     port {
    ///       port = 80
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [CVE-2020-8554](https://github.com/kubernetes/kubernetes/issues/97076)
    /// - CIS Kubernetes Benchmark v1.8, 1.2.3; NIST 800-53 SC-7, SI-2
    pub ServiceExternalIps {
        id: "K8S-SVC-003",
        name: "service-external-ips",
        severity: Medium,
        refs: ["CIS Kubernetes 1.2.3", "NIST 800-53 SC-7", "NIST 800-53 SI-2"],
        fix: "remove `spec.externalIPs`",
    }
}

impl Check for ServiceExternalIps {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Service(service) = &resource.kind else {
            return;
        };
        let Some(ips) = &service.external_ips else {
            return;
        };
        if ips.get().is_some_and(|ips| !ips.is_empty()) {
            out.report_value(
                &EXTERNAL_IPS,
                ips,
                "`externalIPs` lets the Service claim addresses it does not own (CVE-2020-8554)",
            );
        }
    }
}

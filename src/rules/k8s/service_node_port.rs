use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::SERVICE_TYPE;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Services of type `NodePort`.
    ///
    /// ## Why is this bad?
    /// A NodePort opens the same port (30000–32767) on every node, on every node address,
    /// bypassing the load balancer and whatever it filters. Node security groups and
    /// firewalls must then be kept right for each such port, and a public node makes the
    /// service public.
    ///
    /// ## How to fix
    /// Use `ClusterIP` with an Ingress, or a `LoadBalancer` with source ranges.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   type: NodePort
    ///   selector:
    ///     app: web
    ///   ports:
    ///     - port: 80
    ///       nodePort: 30080
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
    ///     type = "NodePort"
    ///     selector = {
    ///       app = "web"
    ///     }
    ///     port {
    ///       port      = 80
    ///       node_port = 30080
    ///     }
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
    /// - [Service type NodePort](https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport)
    /// - NIST 800-53 SC-7, CM-7
    pub ServiceNodePort {
        id: "K8S-SVC-002",
        name: "service-node-port",
        severity: Low,
        refs: ["NIST 800-53 SC-7", "NIST 800-53 CM-7"],
        fix: "use a ClusterIP Service behind an Ingress instead of `NodePort`",
    }
}

impl Check for ServiceNodePort {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Service(service) = &resource.kind else {
            return;
        };
        if service.service_type.get().map(String::as_str) == Some("NodePort") {
            out.report_value(
                &SERVICE_TYPE,
                &service.service_type,
                "the Service is opened on a port of every node",
            );
        }
    }
}

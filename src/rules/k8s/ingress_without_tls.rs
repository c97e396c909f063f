use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::INGRESS_TLS;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Ingresses without `spec.tls`. Ingresses served by the AWS Load Balancer
    /// Controller (class `alb`) configure TLS through annotations and are judged by
    /// `K8S-SVC-005` instead.
    ///
    /// ## Why is this bad?
    /// Without TLS the ingress controller serves the application over plain HTTP: session
    /// cookies, passwords and API tokens cross the network readable and modifiable by anyone
    /// on the path.
    ///
    /// ## How to fix
    /// Add a `spec.tls` entry with the hosts and the Secret holding their certificate (or let
    /// cert-manager create it).
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: networking.k8s.io/v1
    /// kind: Ingress
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   ingressClassName: nginx
    ///   rules:
    ///     - host: shop.example.com
    ///       http:
    ///         paths:
    ///           - path: /
    ///             pathType: Prefix
    ///             backend:
    ///               service:
    ///                 name: web
    ///                 port:
    ///                   number: 80
    /// ```
    /// ```k8s,good
    /// apiVersion: networking.k8s.io/v1
    /// kind: Ingress
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   ingressClassName: nginx
    ///   tls:
    ///     - hosts: [shop.example.com]
    ///       secretName: shop-example-com-tls
    ///   rules:
    ///     - host: shop.example.com
    ///       http:
    ///         paths:
    ///           - path: /
    ///             pathType: Prefix
    ///             backend:
    ///               service:
    ///                 name: web
    ///                 port:
    ///                   number: 80
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_ingress_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     ingress_class_name = "nginx"
    ///     rule {
    ///       host = "shop.example.com"
    ///       http {
    ///         path {
    ///           path      = "/"
    ///           path_type = "Prefix"
    ///           backend {
    ///             service {
    ///               name = "web"
    ///               port {
    ///                 number = 80
    ///               }
    ///             }
    ///           }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_ingress_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     ingress_class_name = "nginx"
    ///     tls {
    ///       hosts       = ["shop.example.com"]
    ///       secret_name = "shop-example-com-tls"
    ///     }
    ///     rule {
    ///       host = "shop.example.com"
    ///       http {
    ///         path {
    ///           path      = "/"
    ///           path_type = "Prefix"
    ///           backend {
    ///             service {
    ///               name = "web"
    ///               port {
    ///                 number = 80
    ///               }
    ///             }
    ///           }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Ingress TLS](https://kubernetes.io/docs/concepts/services-networking/ingress/#tls)
    /// - NIST 800-53 SC-8, SC-23
    pub IngressWithoutTls {
        id: "K8S-SVC-004",
        name: "ingress-without-tls",
        severity: Medium,
        refs: ["NIST 800-53 SC-8", "NIST 800-53 SC-23"],
        fix: "add a `spec.tls` entry with the hosts and their certificate Secret",
    }
}

impl Check for IngressWithoutTls {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Ingress(ingress) = &resource.kind else {
            return;
        };
        if ingress.is_alb() || ingress.tls.is_some() {
            return;
        }
        out.report_missing(
            &INGRESS_TLS,
            "the Ingress serves plain HTTP: `spec.tls` is not set",
        );
    }
}

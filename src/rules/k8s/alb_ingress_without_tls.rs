use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Ingresses served by the AWS Load Balancer Controller (`ingressClassName: alb` or
    /// the `kubernetes.io/ingress.class: alb` annotation) whose Application Load Balancer has
    /// no HTTPS listener, or an HTTPS listener without a certificate: no
    /// `alb.ingress.kubernetes.io/certificate-arn` and no `spec.tls` hosts for the controller
    /// to find a certificate for in ACM.
    ///
    /// ## Why is this bad?
    /// Without `alb.ingress.kubernetes.io/listen-ports` the ALB listens on HTTP port 80 only
    /// (HTTPS 443 only when a certificate is configured): traffic between clients and the
    /// load balancer, credentials included, is in clear text.
    ///
    /// ## How to fix
    /// Set `alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS": 443}]'` (add
    /// `{"HTTP": 80}` with `ssl-redirect: "443"` to redirect) and
    /// `alb.ingress.kubernetes.io/certificate-arn` to an ACM certificate.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: networking.k8s.io/v1
    /// kind: Ingress
    /// metadata:
    ///   name: web
    ///   namespace: shop
    ///   annotations:
    ///     alb.ingress.kubernetes.io/scheme: internet-facing
    /// spec:
    ///   ingressClassName: alb
    ///   rules:
    ///     - http:
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
    ///   annotations:
    ///     alb.ingress.kubernetes.io/scheme: internet-facing
    ///     alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
    ///     alb.ingress.kubernetes.io/ssl-redirect: "443"
    ///     alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-111122223333
    /// spec:
    ///   ingressClassName: alb
    ///   rules:
    ///     - http:
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
    ///     annotations = {
    ///       "alb.ingress.kubernetes.io/scheme" = "internet-facing"
    ///     }
    ///   }
    ///   spec {
    ///     ingress_class_name = "alb"
    ///     rule {
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
    ///     annotations = {
    ///       "alb.ingress.kubernetes.io/scheme"          = "internet-facing"
    ///       "alb.ingress.kubernetes.io/listen-ports"    = jsonencode([{ HTTP = 80 }, { HTTPS = 443 }])
    ///       "alb.ingress.kubernetes.io/ssl-redirect"    = "443"
    ///       "alb.ingress.kubernetes.io/certificate-arn" = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-111122223333"
    ///     }
    ///   }
    ///   spec {
    ///     ingress_class_name = "alb"
    ///     rule {
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
    /// - [AWS Load Balancer Controller: Ingress annotations (listen-ports, certificate-arn)](https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/)
    /// - CIS Amazon EKS Benchmark 5.4.5; EKS hardening "TLS to load balancers" CCE-89133-3; NIST 800-53 SC-8
    pub AlbIngressWithoutTls {
        id: "K8S-SVC-005",
        name: "alb-ingress-without-tls",
        severity: Medium,
        refs: ["CIS EKS 5.4.5", "CCE-89133-3", "NIST 800-53 SC-8"],
        fix: "add an HTTPS listener with `alb.ingress.kubernetes.io/listen-ports` and `certificate-arn`",
    }
}

const LISTEN_PORTS: &str = "alb.ingress.kubernetes.io/listen-ports";
const CERTIFICATE_ARN: &str = "alb.ingress.kubernetes.io/certificate-arn";

impl Check for AlbIngressWithoutTls {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Ingress(ingress) = &resource.kind else {
            return;
        };
        if !ingress.is_alb() {
            return;
        }
        let certificate = ingress.annotations.get(CERTIFICATE_ARN);
        // An unknown ARN is set; an empty one is not.
        let has_certificate = certificate
            .is_some_and(|arn| arn.get().is_none_or(|text| !text.trim().is_empty()))
            || ingress.tls_hosts;
        match ingress.annotations.get(LISTEN_PORTS) {
            Some(ports) => {
                let Some(text) = ports.get() else {
                    return;
                };
                if !text.contains("HTTPS") {
                    out.report_value(
                        &Attr::uniform(LISTEN_PORTS),
                        ports,
                        "the ALB has no HTTPS listener: `listen-ports` lists none",
                    );
                } else if !has_certificate {
                    out.report_value(
                        &Attr::uniform(CERTIFICATE_ARN),
                        ports,
                        "the ALB's HTTPS listener has no certificate: `certificate-arn` is not set and `spec.tls` names no hosts",
                    );
                }
            }
            None if !has_certificate => out.report_missing(
                &Attr::uniform(LISTEN_PORTS),
                "the ALB listens on plain HTTP only: neither `listen-ports` with HTTPS nor `certificate-arn` is set",
            ),
            None => {}
        }
    }
}

//! How workloads are exposed: `Service` and `Ingress`.

use crate::model::{Attr, Val};
use crate::source::Span;

#[derive(Debug)]
pub struct Service {
    /// `spec.type`; `ClusterIP` when not written.
    pub service_type: Val<String>,
    /// `spec.loadBalancerSourceRanges`.
    pub source_ranges: Option<Val<Vec<Val<String>>>>,
    /// `spec.loadBalancerClass`: `service.k8s.aws/nlb` for the AWS Load Balancer Controller.
    pub load_balancer_class: Option<Val<String>>,
    /// `spec.externalIPs`.
    pub external_ips: Option<Val<Vec<Val<String>>>>,
    pub annotations: Annotations,
}

#[derive(Debug)]
pub struct Ingress {
    /// The `spec.tls` key, when it lists at least one entry.
    pub tls: Option<Span>,
    /// Whether a `spec.tls` entry names hosts (the AWS Load Balancer Controller then discovers
    /// certificates for them in ACM).
    pub tls_hosts: bool,
    /// `spec.ingressClassName`, else the `kubernetes.io/ingress.class` annotation.
    pub class: Option<Val<String>>,
    pub annotations: Annotations,
}

impl Ingress {
    /// Served by the AWS Load Balancer Controller as an Application Load Balancer.
    pub fn is_alb(&self) -> bool {
        self.class.as_ref().and_then(Val::get).map(String::as_str) == Some("alb")
    }
}

/// `metadata.annotations`, each with its key's place.
#[derive(Debug, Default)]
pub struct Annotations(pub Vec<Annotation>);

#[derive(Debug)]
pub struct Annotation {
    pub key: String,
    pub key_span: Span,
    pub value: Val<String>,
}

impl Annotations {
    pub fn get(&self, key: &str) -> Option<&Val<String>> {
        self.0
            .iter()
            .rev()
            .find(|annotation| annotation.key == key)
            .map(|annotation| &annotation.value)
    }
}

pub const SERVICE_TYPE: Attr = Attr::uniform("spec.type");
pub const SOURCE_RANGES: Attr = Attr::uniform("spec.loadBalancerSourceRanges");
pub const EXTERNAL_IPS: Attr = Attr::uniform("spec.externalIPs");
pub const INGRESS_TLS: Attr = Attr::uniform("spec.tls");

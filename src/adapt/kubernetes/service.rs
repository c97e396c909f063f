//! `Service` and `Ingress`.

use crate::adapt::read::{field, str_field, str_list_field};
use crate::model::k8s::{Annotation, Annotations, Ingress, Service};
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn service(document: &Node, header: Span) -> Service {
    let spec = field(Some(document), "spec");
    Service {
        service_type: str_field(spec, "type")
            .unwrap_or_else(|| Val::default("ClusterIP".to_string(), header)),
        source_ranges: str_list_field(spec, "loadBalancerSourceRanges"),
        load_balancer_class: str_field(spec, "loadBalancerClass"),
        external_ips: str_list_field(spec, "externalIPs"),
        annotations: annotations(document),
    }
}

pub fn ingress(document: &Node) -> Ingress {
    let spec = field(Some(document), "spec");
    let annotations = annotations(document);
    let tls_entries = field(spec, "tls")
        .and_then(Node::as_seq)
        .unwrap_or_default();
    let tls = spec
        .and_then(|spec| spec.entry("tls"))
        .filter(|_| !tls_entries.is_empty())
        .map(|entry| entry.key_span);
    let tls_hosts = tls_entries.iter().any(|entry| {
        field(Some(entry), "hosts")
            .and_then(Node::as_seq)
            .is_some_and(|hosts| !hosts.is_empty())
    });
    let class = str_field(spec, "ingressClassName")
        .or_else(|| annotations.get("kubernetes.io/ingress.class").cloned());
    Ingress {
        tls,
        tls_hosts,
        class,
        annotations,
    }
}

fn annotations(document: &Node) -> Annotations {
    let node = field(field(Some(document), "metadata"), "annotations");
    Annotations(
        node.and_then(Node::as_map)
            .unwrap_or_default()
            .iter()
            .map(|entry| Annotation {
                key: entry.key.clone(),
                key_span: entry.key_span,
                value: Val::from_str_node(&entry.value),
            })
            .collect(),
    )
}

//! Security group ingress to [`SecurityGroup`]: `aws_security_group` (`ingress` blocks),
//! `aws_security_group_rule` of type `ingress`, `aws_vpc_security_group_ingress_rule`.

use crate::adapt::read::{field, str_field, str_list_field};
use crate::model::aws::security_group::{Ingress, SecurityGroup};
use crate::model::Val;
use crate::parse::{Node, NodeKind};
use crate::source::Span;

pub fn security_group(type_name: &str, body: &Node, header: Span) -> SecurityGroup {
    let ingress = match type_name {
        "aws_security_group" => body
            .as_map()
            .unwrap_or_default()
            .iter()
            .filter(|entry| entry.key == "ingress" && entry.value.as_map().is_some())
            .map(|entry| rule(&entry.value, entry.key_span, "protocol"))
            .collect(),
        // An egress rule, or one whose type is unknown, opens nothing we can know of.
        "aws_security_group_rule" => match field(Some(body), "type").and_then(Node::as_str) {
            Some("ingress") => vec![rule(body, header, "protocol")],
            _ => Vec::new(),
        },
        "aws_vpc_security_group_ingress_rule" => vec![rule(body, header, "ip_protocol")],
        _ => Vec::new(),
    };
    SecurityGroup { ingress }
}

fn rule(block: &Node, span: Span, protocol_key: &str) -> Ingress {
    let mut cidrs = Vec::new();
    for key in ["cidr_blocks", "ipv6_cidr_blocks"] {
        if let Some(list) = str_list_field(Some(block), key).and_then(|l| l.value.ok()) {
            cidrs.extend(list);
        }
    }
    for key in ["cidr_ipv4", "cidr_ipv6"] {
        cidrs.extend(str_field(Some(block), key));
    }
    Ingress {
        span,
        protocol: str_field(Some(block), protocol_key)
            .unwrap_or_else(|| Val::unknown("no protocol", span)),
        from_port: field(Some(block), "from_port").map(port),
        to_port: field(Some(block), "to_port").map(port),
        cidrs,
    }
}

/// A port number, written as a number or a numeric string.
pub fn port(node: &Node) -> Val<f64> {
    Val::from_node(node, "a port number", |n| match &n.kind {
        NodeKind::Number(x) => Some(*x),
        NodeKind::Str(s) => s.trim().parse().ok(),
        _ => None,
    })
}

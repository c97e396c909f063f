//! Security group ingress to [`SecurityGroup`]: the `SecurityGroupIngress` list of
//! `AWS::EC2::SecurityGroup`, and `AWS::EC2::SecurityGroupIngress` on its own.

use crate::adapt::read::{field, str_field};
use crate::model::aws::security_group::{Ingress, SecurityGroup};
use crate::model::Val;
use crate::parse::{Node, NodeKind};
use crate::source::Span;

pub fn security_group(type_name: &str, properties: &Node, header: Span) -> SecurityGroup {
    let ingress = match type_name {
        "AWS::EC2::SecurityGroup" => field(Some(properties), "SecurityGroupIngress")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .filter(|item| item.as_map().is_some())
            .map(|item| rule(item, item.span))
            .collect(),
        "AWS::EC2::SecurityGroupIngress" => vec![rule(properties, header)],
        _ => Vec::new(),
    };
    SecurityGroup { ingress }
}

fn rule(block: &Node, span: Span) -> Ingress {
    Ingress {
        span,
        protocol: str_field(Some(block), "IpProtocol")
            .unwrap_or_else(|| Val::unknown("no `IpProtocol`", span)),
        from_port: field(Some(block), "FromPort").map(port),
        to_port: field(Some(block), "ToPort").map(port),
        cidrs: ["CidrIp", "CidrIpv6"]
            .iter()
            .filter_map(|key| str_field(Some(block), key))
            .collect(),
    }
}

fn port(node: &Node) -> Val<f64> {
    Val::from_node(node, "a port number", |n| match &n.kind {
        NodeKind::Number(x) => Some(*x),
        NodeKind::Str(s) => s.trim().parse().ok(),
        _ => None,
    })
}

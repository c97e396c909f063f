//! Security group ingress: inline rules of a group (`aws_security_group` `ingress`,
//! `AWS::EC2::SecurityGroup` `SecurityGroupIngress`) and rules declared on their own
//! (`aws_security_group_rule` of type `ingress`, `aws_vpc_security_group_ingress_rule`,
//! `AWS::EC2::SecurityGroupIngress`). Both shapes become a list of [`Ingress`] rules.

use crate::model::{Attr, Val};
use crate::source::Span;

#[derive(Debug)]
pub struct SecurityGroup {
    pub ingress: Vec<Ingress>,
}

#[derive(Debug)]
pub struct Ingress {
    /// The rule itself.
    pub span: Span,
    /// `tcp`, `udp`, `icmp`, a protocol number, or `-1` / `all` for every protocol.
    pub protocol: Val<String>,
    /// The port range; ignored for every-protocol rules. `None` when not written.
    pub from_port: Option<Val<f64>>,
    pub to_port: Option<Val<f64>>,
    /// IPv4 and IPv6 source ranges.
    pub cidrs: Vec<Val<String>>,
}

impl Ingress {
    /// Known to allow every protocol.
    pub fn all_protocols(&self) -> bool {
        self.protocol
            .get()
            .is_some_and(|p| p == "-1" || p.eq_ignore_ascii_case("all"))
    }

    /// Known to carry `protocol` (`tcp` or `udp`): by name, by number, or as every protocol.
    pub fn carries(&self, protocol: &str) -> bool {
        let number = match protocol {
            "tcp" => "6",
            "udp" => "17",
            _ => "",
        };
        self.all_protocols()
            || self
                .protocol
                .get()
                .is_some_and(|p| p.eq_ignore_ascii_case(protocol) || p == number)
    }

    /// Known to include `port`: every protocol, or a known range around it. A range with an
    /// unknown end is not known to include anything. `-1` as `from_port` (CloudFormation's "all")
    /// with a `to_port` of `-1` covers every port.
    pub fn includes_port(&self, port: f64) -> bool {
        if self.all_protocols() {
            return true;
        }
        match (
            self.from_port.as_ref().map(Val::get),
            self.to_port.as_ref().map(Val::get),
        ) {
            (Some(Some(from)), Some(Some(to))) => {
                (*from == -1.0 && *to == -1.0) || (*from <= port && port <= *to)
            }
            _ => false,
        }
    }

    /// Known to cover every port of TCP or UDP (or every protocol).
    pub fn all_ports(&self) -> bool {
        if self.all_protocols() {
            return true;
        }
        if !(self.carries("tcp") || self.carries("udp")) {
            return false;
        }
        match (
            self.from_port.as_ref().map(Val::get),
            self.to_port.as_ref().map(Val::get),
        ) {
            (Some(Some(from)), Some(Some(to))) => {
                (*from == -1.0 && *to == -1.0) || (*from <= 1.0 && *to >= 65535.0)
            }
            _ => false,
        }
    }

    /// The source ranges that are the whole internet (`0.0.0.0/0`, `::/0`, any `/0`).
    pub fn open_cidrs(&self) -> impl Iterator<Item = &Val<String>> {
        self.cidrs
            .iter()
            .filter(|cidr| cidr.get().is_some_and(|c| c.trim().ends_with("/0")))
    }
}

pub const CIDR: Attr = Attr {
    id: "ingress.cidr",
    terraform: "cidr_blocks",
    cloudformation: "CidrIp",
    kubernetes: "cidr",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn rule(protocol: &str, from: f64, to: f64) -> Ingress {
        let span = Span::file_start(FileId(0));
        Ingress {
            span,
            protocol: Val::known(protocol.to_string(), span),
            from_port: Some(Val::known(from, span)),
            to_port: Some(Val::known(to, span)),
            cidrs: vec![
                Val::known("10.0.0.0/8".to_string(), span),
                Val::known("::/0".to_string(), span),
            ],
        }
    }

    #[test]
    fn ports_protocols_and_open_ranges() {
        assert!(rule("tcp", 20.0, 30.0).includes_port(22.0));
        assert!(!rule("tcp", 23.0, 30.0).includes_port(22.0));
        assert!(rule("-1", 0.0, 0.0).includes_port(3389.0));
        assert!(rule("6", 22.0, 22.0).carries("tcp"));
        assert!(!rule("udp", 22.0, 22.0).carries("tcp"));
        assert!(rule("tcp", 0.0, 65535.0).all_ports());
        assert!(rule("tcp", -1.0, -1.0).all_ports());
        assert!(!rule("icmp", -1.0, -1.0).all_ports());
        assert!(!rule("tcp", 1024.0, 65535.0).all_ports());
        assert_eq!(rule("tcp", 22.0, 22.0).open_cidrs().count(), 1);
    }
}

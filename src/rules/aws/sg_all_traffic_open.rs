use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::security_group::CIDR;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags security group ingress rules that open every port to the whole internet
    /// (`0.0.0.0/0` or `::/0`): protocol `-1` (all traffic), or TCP/UDP from port 0 or 1 to
    /// 65535.
    ///
    /// ## Why is this bad?
    /// Every service on the instances, including the ones never meant to be public (kubelet,
    /// node exporters, databases, debugging ports), becomes reachable from anywhere. Security
    /// groups are the last network control in front of a node; an allow-all rule removes it.
    ///
    /// ## How to fix
    /// Open only the ports the workload serves, from the sources that need them (a load
    /// balancer's security group rather than `0.0.0.0/0`).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_vpc_security_group_ingress_rule" "all" {
    ///   security_group_id = "sg-0a1b2c3d"
    ///   ip_protocol       = "-1"
    ///   cidr_ipv4         = "0.0.0.0/0"
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_vpc_security_group_ingress_rule" "https" {
    ///   security_group_id = "sg-0a1b2c3d"
    ///   ip_protocol       = "tcp"
    ///   from_port         = 443
    ///   to_port           = 443
    ///   cidr_ipv4         = "0.0.0.0/0"
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Open:
    ///     Type: AWS::EC2::SecurityGroup
    ///     Properties:
    ///       GroupDescription: open
    ///       SecurityGroupIngress:
    ///         - IpProtocol: "-1"
    ///           CidrIp: 0.0.0.0/0
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Open:
    ///     Type: AWS::EC2::SecurityGroup
    ///     Properties:
    ///       GroupDescription: open
    ///       SecurityGroupIngress:
    ///         - IpProtocol: "-1"
    ///           CidrIp: 10.0.0.0/8
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Open": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
    ///   "GroupId": "sg-0a1b2c3d", "IpProtocol": "tcp", "FromPort": 0, "ToPort": 65535, "CidrIp": "0.0.0.0/0"}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Open": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
    ///   "GroupId": "sg-0a1b2c3d", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"}}}}
    /// ```
    ///
    /// ## References
    /// - [Security group rules](https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html)
    /// - NIST 800-53 SC-7, CM-7
    pub SgAllTrafficOpen {
        id: "AWS-SG-002",
        name: "sg-all-traffic-open",
        severity: High,
        refs: ["NIST 800-53 SC-7", "NIST 800-53 CM-7"],
        fix: "open only the ports the workload serves, from the sources that need them",
    }
}

impl Check for SgAllTrafficOpen {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::SecurityGroup(group) = &resource.kind else {
            return;
        };
        for rule in group.ingress.iter().filter(|rule| rule.all_ports()) {
            let what = if rule.all_protocols() {
                "all traffic"
            } else {
                "every port"
            };
            for cidr in rule.open_cidrs() {
                let range = cidr.get().map_or("", String::as_str);
                out.report_value(
                    &CIDR,
                    cidr,
                    format!("the security group opens {what} to the internet (`{range}`)"),
                );
            }
        }
    }
}

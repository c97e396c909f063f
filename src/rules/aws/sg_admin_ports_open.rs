use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::security_group::CIDR;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags security group ingress rules that open SSH (TCP 22) or RDP (TCP/UDP 3389) to the
    /// whole internet (`0.0.0.0/0` or `::/0`). Port ranges that include 22 or 3389, and
    /// rules for every protocol (`-1`), count. Inline `ingress` blocks,
    /// `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule`,
    /// `SecurityGroupIngress` lists and `AWS::EC2::SecurityGroupIngress` are read.
    ///
    /// ## Why is this bad?
    /// Remote administration ports open to the internet are found by scanners within minutes
    /// and then brute-forced or hit with every new SSH/RDP exploit. Worker nodes reachable on
    /// SSH from anywhere put the cluster one weak key away from compromise.
    ///
    /// ## How to fix
    /// Restrict the source to your administration network or a bastion's security group, or
    /// remove the rule and use SSM Session Manager instead of SSH.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_security_group" "nodes" {
    ///   name   = "nodes"
    ///   vpc_id = "vpc-0a1b2c3d"
    ///   ingress {
    ///     from_port   = 22
    ///     to_port     = 22
    ///     protocol    = "tcp"
    ///     cidr_blocks = ["0.0.0.0/0"]
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_security_group" "nodes" {
    ///   name   = "nodes"
    ///   vpc_id = "vpc-0a1b2c3d"
    ///   ingress {
    ///     from_port   = 22
    ///     to_port     = 22
    ///     protocol    = "tcp"
    ///     cidr_blocks = ["10.20.0.0/16"]
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Rdp:
    ///     Type: AWS::EC2::SecurityGroupIngress
    ///     Properties:
    ///       GroupId: sg-0a1b2c3d
    ///       IpProtocol: tcp
    ///       FromPort: 3000
    ///       ToPort: 4000
    ///       CidrIpv6: ::/0
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Rdp:
    ///     Type: AWS::EC2::SecurityGroupIngress
    ///     Properties:
    ///       GroupId: sg-0a1b2c3d
    ///       IpProtocol: tcp
    ///       FromPort: 3389
    ///       ToPort: 3389
    ///       CidrIp: 10.20.0.0/16
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Nodes": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
    ///   "GroupDescription": "nodes", "VpcId": "vpc-0a1b2c3d",
    ///   "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}]}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Nodes": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
    ///   "GroupDescription": "nodes", "VpcId": "vpc-0a1b2c3d",
    ///   "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"}]}}}}
    /// ```
    ///
    /// ## References
    /// - [Security group rules](https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html)
    /// - CIS AWS Foundations Benchmark v3.0.0 5.2 (IPv4) and 5.3 (IPv6); NIST 800-53 SC-7, AC-17
    pub SgAdminPortsOpen {
        id: "AWS-SG-001",
        name: "sg-admin-ports-open",
        severity: High,
        refs: ["CIS AWS 5.2", "CIS AWS 5.3", "NIST 800-53 SC-7", "NIST 800-53 AC-17"],
        fix: "restrict SSH/RDP ingress to known networks, or use SSM Session Manager",
    }
}

impl Check for SgAdminPortsOpen {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::SecurityGroup(group) = &resource.kind else {
            return;
        };
        for rule in &group.ingress {
            let ssh = rule.carries("tcp") && rule.includes_port(22.0);
            let rdp = (rule.carries("tcp") || rule.carries("udp")) && rule.includes_port(3389.0);
            let opened = match (ssh, rdp) {
                (true, true) => "SSH (22) and RDP (3389)",
                (true, false) => "SSH (22)",
                (false, true) => "RDP (3389)",
                (false, false) => continue,
            };
            for cidr in rule.open_cidrs() {
                let range = cidr.get().map_or("", String::as_str);
                out.report_value(
                    &CIDR,
                    cidr,
                    format!("the security group opens {opened} to the internet (`{range}`)"),
                );
            }
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Format, Resource, Val};
use crate::parse::Node;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Organisation policy: with `deny_public_ips = true` in the `[policy]` section of
    /// `.iacguard.toml`, flags resources that create public IP addresses. Silent otherwise.
    ///
    /// - Elastic IPs: Terraform `aws_eip`, CloudFormation `AWS::EC2::EIP`; Azure public IPs:
    ///   `azurerm_public_ip`, `azurerm_public_ip_prefix` (at the resource header).
    /// - EC2 instances and launch templates that ask for a public address:
    ///   `associate_public_ip_address = true` (Terraform `aws_instance`, `aws_launch_template`
    ///   network interfaces), `AssociatePublicIpAddress: true` (CloudFormation
    ///   `AWS::EC2::Instance` and `AWS::EC2::LaunchTemplate` network interfaces).
    /// - Subnets that give every instance one: `map_public_ip_on_launch = true`,
    ///   `MapPublicIpOnLaunch: true`.
    ///
    /// An instance that does not say inherits its subnet's setting, which is not known from the
    /// instance alone and is not reported. AKS node public IPs are `AZ-AKS-009`.
    ///
    /// ## Why is this bad?
    /// Every public address is an entry point that bypasses the organisation's ingress path
    /// (load balancers, WAF, firewalls) and its review. Where the policy is "nothing public
    /// except through the edge", each one is an exception someone must approve.
    ///
    /// ## How to fix
    /// Use private addresses and reach the internet through NAT, expose services through the
    /// approved load balancers, or suppress the finding with the approval as the reason.
    ///
    /// ## Example
    /// ```tf,bad
    /// # .iacguard.toml: policy.deny_public_ips = true
    /// resource "aws_instance" "bastion" {
    ///   ami                         = "ami-0123456789abcdef0"
    ///   instance_type               = "t3.micro"
    ///   associate_public_ip_address = true
    /// }
    /// ```
    /// ```tf,good
    /// # .iacguard.toml: policy.deny_public_ips = true
    /// resource "aws_instance" "bastion" {
    ///   ami                         = "ami-0123456789abcdef0"
    ///   instance_type               = "t3.micro"
    ///   associate_public_ip_address = false
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// # .iacguard.toml: policy.deny_public_ips = true
    /// Resources:
    ///   Address:
    ///     Type: AWS::EC2::EIP
    ///     Properties:
    ///       Domain: vpc
    /// ```
    /// ```cfn-yaml,good
    /// # .iacguard.toml: policy.deny_public_ips = true
    /// Resources:
    ///   Private:
    ///     Type: AWS::EC2::Subnet
    ///     Properties:
    ///       VpcId: vpc-0123456789abcdef0
    ///       CidrBlock: 10.0.1.0/24
    ///       MapPublicIpOnLaunch: false
    /// ```
    ///
    /// ## References
    /// - [Azure Policy built-in: Network interfaces should not have public IPs](https://learn.microsoft.com/azure/governance/policy/samples/built-in-policies#network)
    /// - [Elastic IP addresses](https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html)
    /// - NIST 800-53 SC-7, AC-4
    pub PublicIp {
        id: "ORG-005",
        name: "public-ip-denied",
        severity: Medium,
        refs: ["NIST 800-53 SC-7", "NIST 800-53 AC-4"],
        fix: "use private addressing (NAT, load balancers) instead of public IPs",
    }
}

const PUBLIC_IP: Attr = Attr {
    id: "public_ip",
    terraform: "associate_public_ip_address",
    cloudformation: "AssociatePublicIpAddress",
    kubernetes: "public_ip",
};

impl Check for PublicIp {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        if !cx.policy.deny_public_ips {
            return;
        }
        let body = &resource.body;
        match (resource.format, resource.type_name.as_str()) {
            (Format::Terraform, "aws_eip") | (Format::CloudFormation, "AWS::EC2::EIP") => {
                out.report_missing(&PUBLIC_IP, "this Elastic IP is a public IP address");
            }
            (Format::Terraform, "azurerm_public_ip") => {
                out.report_missing(&PUBLIC_IP, "this resource is a public IP address");
            }
            (Format::Terraform, "azurerm_public_ip_prefix") => {
                out.report_missing(
                    &PUBLIC_IP,
                    "this resource is a range of public IP addresses",
                );
            }
            (Format::Terraform, "aws_instance") => {
                flag(
                    out,
                    body.get("associate_public_ip_address"),
                    "the instance gets",
                );
            }
            (Format::Terraform, "aws_launch_template") => {
                for interface in repeated(body, "network_interfaces") {
                    flag(
                        out,
                        interface.get("associate_public_ip_address"),
                        "instances launched from this template get",
                    );
                }
            }
            (Format::Terraform, "aws_subnet") => {
                flag(
                    out,
                    body.get("map_public_ip_on_launch"),
                    "every instance launched in this subnet gets",
                );
            }
            (Format::CloudFormation, "AWS::EC2::Instance") => {
                for interface in items(body.get("NetworkInterfaces")) {
                    flag(
                        out,
                        interface.get("AssociatePublicIpAddress"),
                        "the instance gets",
                    );
                }
            }
            (Format::CloudFormation, "AWS::EC2::LaunchTemplate") => {
                let interfaces = body.path(&["LaunchTemplateData", "NetworkInterfaces"]);
                for interface in items(interfaces) {
                    flag(
                        out,
                        interface.get("AssociatePublicIpAddress"),
                        "instances launched from this template get",
                    );
                }
            }
            (Format::CloudFormation, "AWS::EC2::Subnet") => {
                flag(
                    out,
                    body.get("MapPublicIpOnLaunch"),
                    "every instance launched in this subnet gets",
                );
            }
            _ => {}
        }
    }
}

/// Reports a setting that is known to be true.
fn flag(out: &mut Reporter, node: Option<&Node>, who: &str) {
    let Some(node) = node else {
        return;
    };
    let value = Val::from_bool_node(node);
    if value.is_true() {
        out.report_value(&PUBLIC_IP, &value, format!("{who} a public IP address"));
    }
}

/// Every block named `key` (repeated Terraform blocks are repeated entries).
fn repeated<'a>(body: &'a Node, key: &'a str) -> impl Iterator<Item = &'a Node> {
    body.as_map()
        .unwrap_or_default()
        .iter()
        .filter(move |entry| entry.key == key)
        .map(|entry| &entry.value)
}

fn items(node: Option<&Node>) -> &[Node] {
    node.and_then(Node::as_seq).unwrap_or_default()
}

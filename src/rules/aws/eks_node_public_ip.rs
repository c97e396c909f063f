use crate::check::Context;
use crate::finding::{Related, Reporter};
use crate::model::aws::eks_links::{of_types, Link};
use crate::model::aws::eks_node_group::PRIVATE_NETWORKING;
use crate::model::{Kind, Resource};
use crate::parse::Node;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags EKS node groups whose nodes get public IP addresses.
    ///
    /// Only known values count: an eksctl node group without `privateNetworking: true` (eksctl
    /// puts nodes in public subnets by default); a Terraform or CloudFormation node group whose
    /// launch template in the scan sets `associate_public_ip_address` /
    /// `AssociatePublicIpAddress` to true, or, without a launch template saying otherwise, whose
    /// subnet in the scan sets `map_public_ip_on_launch` / `MapPublicIpOnLaunch` to true.
    /// Subnets and launch templates given by ID, or not in the scan, are not judged.
    ///
    /// ## Why is this bad?
    /// A node with a public address can be reached from the internet wherever a security group
    /// allows it (the kubelet, NodePorts, SSH), and attackers scanning the internet find it.
    /// Private nodes reach the internet through a NAT gateway and cannot be reached from it.
    ///
    /// ## How to fix
    /// Launch nodes in private subnets (`privateNetworking: true` with eksctl), and do not
    /// associate public IP addresses in launch templates.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_subnet" "public" {
    ///   vpc_id                  = "vpc-1"
    ///   cidr_block              = "10.0.0.0/24"
    ///   map_public_ip_on_launch = true
    /// }
    /// resource "aws_eks_node_group" "workers" {
    ///   cluster_name  = "main"
    ///   node_role_arn = "arn:aws:iam::123456789012:role/nodes"
    ///   subnet_ids    = [aws_subnet.public.id]
    ///   scaling_config {
    ///     desired_size = 2
    ///     max_size     = 3
    ///     min_size     = 1
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_subnet" "private" {
    ///   vpc_id     = "vpc-1"
    ///   cidr_block = "10.0.1.0/24"
    /// }
    /// resource "aws_eks_node_group" "workers" {
    ///   cluster_name  = "main"
    ///   node_role_arn = "arn:aws:iam::123456789012:role/nodes"
    ///   subnet_ids    = [aws_subnet.private.id]
    ///   scaling_config {
    ///     desired_size = 2
    ///     max_size     = 3
    ///     min_size     = 1
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Template:
    ///     Type: AWS::EC2::LaunchTemplate
    ///     Properties:
    ///       LaunchTemplateData:
    ///         NetworkInterfaces:
    ///           - DeviceIndex: 0
    ///             AssociatePublicIpAddress: true
    ///   Workers:
    ///     Type: AWS::EKS::Nodegroup
    ///     Properties:
    ///       ClusterName: main
    ///       NodeRole: arn:aws:iam::123456789012:role/nodes
    ///       Subnets: [subnet-1]
    ///       LaunchTemplate:
    ///         Id: !Ref Template
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Template:
    ///     Type: AWS::EC2::LaunchTemplate
    ///     Properties:
    ///       LaunchTemplateData:
    ///         NetworkInterfaces:
    ///           - DeviceIndex: 0
    ///             AssociatePublicIpAddress: false
    ///   Workers:
    ///     Type: AWS::EKS::Nodegroup
    ///     Properties:
    ///       ClusterName: main
    ///       NodeRole: arn:aws:iam::123456789012:role/nodes
    ///       Subnets: [subnet-1]
    ///       LaunchTemplate:
    ///         Id: !Ref Template
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Public": {"Type": "AWS::EC2::Subnet", "Properties": {
    ///   "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "MapPublicIpOnLaunch": true}},
    ///   "Workers": {"Type": "AWS::EKS::Nodegroup", "Properties": {
    ///   "ClusterName": "main", "NodeRole": "arn:aws:iam::123456789012:role/nodes",
    ///   "Subnets": [{"Ref": "Public"}]}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Private": {"Type": "AWS::EC2::Subnet", "Properties": {
    ///   "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "MapPublicIpOnLaunch": false}},
    ///   "Workers": {"Type": "AWS::EKS::Nodegroup", "Properties": {
    ///   "ClusterName": "main", "NodeRole": "arn:aws:iam::123456789012:role/nodes",
    ///   "Subnets": [{"Ref": "Private"}]}}}}
    /// ```
    /// ```eksctl,bad
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// managedNodeGroups:
    ///   - name: workers
    /// ```
    /// ```eksctl,good
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// managedNodeGroups:
    ///   - name: workers
    ///     privateNetworking: true
    /// ```
    ///
    /// ## References
    /// - [Amazon EKS best practices: private subnets for nodes](https://docs.aws.amazon.com/eks/latest/best-practices/subnets.html)
    /// - CIS Amazon EKS Benchmark 5.4.3; EKS hardening CCE-88669-7; NIST 800-53 SC-7
    pub EksNodePublicIp {
        id: "AWS-EKS-010",
        name: "eks-node-public-ip",
        severity: Medium,
        refs: ["CIS EKS 5.4.3", "CCE-88669-7", "NIST 800-53 SC-7"],
        fix: "launch nodes in private subnets without public IP addresses (`privateNetworking: true`)",
    }
}

const SUBNET_TYPES: [&str; 2] = ["aws_subnet", "AWS::EC2::Subnet"];
const TEMPLATE_TYPES: [&str; 2] = ["aws_launch_template", "AWS::EC2::LaunchTemplate"];

impl Check for EksNodePublicIp {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Kind::EksNodeGroup(group) = &resource.kind else {
            return;
        };
        if let Some(public) = &group.public_ip {
            if public.is_true() {
                let message = if public.is_default() {
                    "nodes get public IP addresses: `privateNetworking` is not set and defaults to false"
                } else {
                    "nodes get public IP addresses: `privateNetworking` is false"
                };
                out.report_value(&PRIVATE_NETWORKING, public, message);
            }
            return;
        }
        let at = group.subnets_span.unwrap_or(resource.header);
        // A launch template in the scan decides when it sets the address association.
        if let Some(template) = &group.launch_template {
            let setting = of_types(cx.resources, &TEMPLATE_TYPES)
                .filter(|t| template.is(t, None))
                .find_map(|t| template_public_ip(t).map(|node| (t, node)));
            match setting {
                Some((t, node)) if crate::model::Val::from_bool_node(node).is_true() => {
                    let related = vec![Related {
                        span: node.span,
                        message: format!(
                            "launch template `{}` associates public IP addresses",
                            t.address
                        ),
                    }];
                    out.report_with_related(
                        at,
                        &PRIVATE_NETWORKING,
                        format!(
                            "nodes get public IP addresses from launch template `{}`",
                            t.address
                        ),
                        related,
                    );
                    return;
                }
                Some(_) => return,
                // Not in the scan (or silent about it): the template may still set it.
                None if !of_types(cx.resources, &TEMPLATE_TYPES).any(|t| template.is(t, None)) => {
                    return
                }
                None => {}
            }
        }
        for link in &group.subnets {
            let Link::Resource(_) = link else { continue };
            let public_subnet = of_types(cx.resources, &SUBNET_TYPES)
                .filter(|s| link.is(s, None))
                .find_map(|s| {
                    let node = s
                        .body
                        .get("map_public_ip_on_launch")
                        .or_else(|| s.body.get("MapPublicIpOnLaunch"))?;
                    (crate::model::Val::from_bool_node(node).is_true()).then_some((s, node))
                });
            if let Some((subnet, node)) = public_subnet {
                let related = vec![Related {
                    span: node.span,
                    message: format!(
                        "subnet `{}` gives instances public IP addresses",
                        subnet.address
                    ),
                }];
                out.report_with_related(
                    at,
                    &PRIVATE_NETWORKING,
                    format!(
                        "nodes get public IP addresses: subnet `{}` maps public IPs on launch",
                        subnet.address
                    ),
                    related,
                );
                return;
            }
        }
    }
}

/// The launch template's first network interface's public address setting, when written.
fn template_public_ip(template: &Resource) -> Option<&Node> {
    let body = &template.body;
    let interfaces = body
        .get("network_interfaces")
        .or_else(|| body.path(&["LaunchTemplateData", "NetworkInterfaces"]))?;
    let first = interfaces
        .as_seq()
        .and_then(<[Node]>::first)
        .unwrap_or(interfaces);
    first
        .get("associate_public_ip_address")
        .or_else(|| first.get("AssociatePublicIpAddress"))
        .filter(|n| !n.is_null())
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::eks_links::{self_link, Link};
use crate::model::{Attr, Kind, Resource, Val};
use crate::parse::Node;
use crate::rules::Check;

const CIDR: Attr = Attr {
    id: "cidr",
    terraform: "cidr_blocks",
    cloudformation: "CidrIp",
    kubernetes: "cidr",
};

declare_rule! {
    /// ## What it does
    /// Flags ingress rules open to the whole internet (`0.0.0.0/0`, `::/0`) on an EKS
    /// cluster's security group: the cluster security group EKS creates (referenced as
    /// `aws_eks_cluster.x.vpc_config[0].cluster_security_group_id` or
    /// `!GetAtt Cluster.ClusterSecurityGroupId`) or a group listed in the cluster's
    /// `security_group_ids` / `SecurityGroupIds`.
    ///
    /// Checked: `aws_security_group_rule` (type `ingress`), `aws_vpc_security_group_ingress_rule`,
    /// `ingress` blocks of `aws_security_group`, `AWS::EC2::SecurityGroupIngress` and
    /// `SecurityGroupIngress` of `AWS::EC2::SecurityGroup`. Security groups open to the
    /// internet in general are other rules' concern; this one is about the group that guards
    /// the control plane's network interfaces and, for the cluster security group, every node.
    ///
    /// ## Why is this bad?
    /// The cluster security group is attached to the control plane's interfaces in your VPC and
    /// to managed nodes. Opening it to the internet exposes the API server's private interfaces,
    /// the kubelet and every port pods listen on, bypassing the endpoint access controls.
    ///
    /// ## How to fix
    /// Allow only the sources that need it: other security groups (nodes, bastions) or the
    /// VPC's own CIDR ranges.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_eks_cluster" "main" {
    ///   name     = "main"
    ///   role_arn = "arn:aws:iam::123456789012:role/eks"
    ///   vpc_config {
    ///     subnet_ids = ["subnet-1", "subnet-2"]
    ///   }
    /// }
    /// resource "aws_security_group_rule" "api" {
    ///   type              = "ingress"
    ///   from_port         = 443
    ///   to_port           = 443
    ///   protocol          = "tcp"
    ///   cidr_blocks       = ["0.0.0.0/0"]
    ///   security_group_id = aws_eks_cluster.main.vpc_config[0].cluster_security_group_id
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_eks_cluster" "main" {
    ///   name     = "main"
    ///   role_arn = "arn:aws:iam::123456789012:role/eks"
    ///   vpc_config {
    ///     subnet_ids = ["subnet-1", "subnet-2"]
    ///   }
    /// }
    /// resource "aws_security_group_rule" "api" {
    ///   type              = "ingress"
    ///   from_port         = 443
    ///   to_port           = 443
    ///   protocol          = "tcp"
    ///   cidr_blocks       = ["10.0.0.0/16"]
    ///   security_group_id = aws_eks_cluster.main.vpc_config[0].cluster_security_group_id
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   ControlPlane:
    ///     Type: AWS::EC2::SecurityGroup
    ///     Properties:
    ///       GroupDescription: EKS control plane
    ///       VpcId: vpc-1
    ///       SecurityGroupIngress:
    ///         - IpProtocol: tcp
    ///           FromPort: 443
    ///           ToPort: 443
    ///           CidrIp: 0.0.0.0/0
    ///   Cluster:
    ///     Type: AWS::EKS::Cluster
    ///     Properties:
    ///       RoleArn: arn:aws:iam::123456789012:role/eks
    ///       ResourcesVpcConfig:
    ///         SubnetIds: [subnet-1, subnet-2]
    ///         SecurityGroupIds: [!Ref ControlPlane]
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   ControlPlane:
    ///     Type: AWS::EC2::SecurityGroup
    ///     Properties:
    ///       GroupDescription: EKS control plane
    ///       VpcId: vpc-1
    ///       SecurityGroupIngress:
    ///         - IpProtocol: tcp
    ///           FromPort: 443
    ///           ToPort: 443
    ///           CidrIp: 10.0.0.0/16
    ///   Cluster:
    ///     Type: AWS::EKS::Cluster
    ///     Properties:
    ///       RoleArn: arn:aws:iam::123456789012:role/eks
    ///       ResourcesVpcConfig:
    ///         SubnetIds: [subnet-1, subnet-2]
    ///         SecurityGroupIds: [!Ref ControlPlane]
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks", "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]}}},
    ///   "Open": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
    ///   "GroupId": {"Fn::GetAtt": ["Cluster", "ClusterSecurityGroupId"]},
    ///   "IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks", "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]}}},
    ///   "Vpc": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
    ///   "GroupId": {"Fn::GetAtt": ["Cluster", "ClusterSecurityGroupId"]},
    ///   "IpProtocol": "-1", "CidrIp": "10.0.0.0/16"}}}}
    /// ```
    ///
    /// ## References
    /// - [Amazon EKS security group requirements](https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html)
    /// - CIS Amazon EKS Benchmark 5.4; NIST 800-53 SC-7
    pub EksClusterSecurityGroupOpen {
        id: "AWS-EKS-014",
        name: "eks-cluster-security-group-open",
        severity: High,
        refs: ["CIS EKS 5.4", "NIST 800-53 SC-7"],
        fix: "allow only security groups or VPC ranges into the cluster security group",
    }
}

const OPEN: [&str; 2] = ["0.0.0.0/0", "::/0"];

impl Check for EksClusterSecurityGroupOpen {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let body = &resource.body;
        // (the group the rules apply to, the rule bodies, the CIDR keys to read)
        let (group, rules, keys): (Link, Vec<&Node>, &[&str]) = match resource.type_name.as_str() {
            "aws_security_group_rule" => {
                if body.get("type").and_then(Node::as_str) != Some("ingress") {
                    return;
                }
                (
                    Link::field(Some(body), "security_group_id"),
                    vec![body],
                    &["cidr_blocks", "ipv6_cidr_blocks"],
                )
            }
            "aws_vpc_security_group_ingress_rule" => (
                Link::field(Some(body), "security_group_id"),
                vec![body],
                &["cidr_ipv4", "cidr_ipv6"],
            ),
            "aws_security_group" => {
                let ingress = body
                    .as_map()
                    .unwrap_or_default()
                    .iter()
                    .filter(|e| e.key == "ingress")
                    .map(|e| &e.value)
                    .collect();
                (
                    self_link(resource),
                    ingress,
                    &["cidr_blocks", "ipv6_cidr_blocks"],
                )
            }
            "AWS::EC2::SecurityGroupIngress" => (
                Link::field(Some(body), "GroupId"),
                vec![body],
                &["CidrIp", "CidrIpv6"],
            ),
            "AWS::EC2::SecurityGroup" => {
                let ingress = body
                    .get("SecurityGroupIngress")
                    .and_then(Node::as_seq)
                    .unwrap_or_default()
                    .iter()
                    .collect();
                (self_link(resource), ingress, &["CidrIp", "CidrIpv6"])
            }
            _ => return,
        };
        let Some(cluster) = cluster_of_group(&group, cx.resources) else {
            return;
        };
        for rule in rules {
            for key in keys {
                let Some(node) = rule.get(key) else { continue };
                let values: Vec<&Node> = match node.as_seq() {
                    Some(items) => items.iter().collect(),
                    None => vec![node],
                };
                for value in values {
                    let cidr = Val::from_str_node(value);
                    if cidr.get().is_some_and(|c| OPEN.contains(&c.as_str())) {
                        let message = format!(
                            "the security group of EKS cluster `{}` accepts traffic from the whole internet ({})",
                            cluster.address,
                            cidr.get().map_or("", String::as_str)
                        );
                        out.report_value(&CIDR, &cidr, message);
                    }
                }
            }
        }
    }
}

/// The cluster whose security group `group` certainly is: the cluster itself (its cluster
/// security group) or a group listed in its VPC configuration.
fn cluster_of_group<'a>(group: &Link, resources: &'a [Resource]) -> Option<&'a Resource> {
    resources.iter().find(|r| match &r.kind {
        Kind::EksCluster(cluster) => {
            group.is(r, None)
                || cluster.security_groups.iter().any(|sg| match (sg, group) {
                    (Link::Resource(a), Link::Resource(b))
                    | (Link::Literal(a), Link::Literal(b)) => a == b,
                    _ => false,
                })
        }
        _ => false,
    })
}

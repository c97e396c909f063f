//! EKS node groups: managed (`aws_eks_node_group`, `AWS::EKS::Nodegroup`, eksctl
//! `managedNodeGroups`) and self-managed (eksctl `nodeGroups`).

use super::eks_links::Link;
use crate::model::{Attr, Val};
use crate::parse::Node;
use crate::source::Span;

#[derive(Debug)]
pub struct NodeGroup {
    /// The cluster the nodes join.
    pub cluster: Link,
    /// The IAM role of the nodes' instance profile. eksctl creates the role itself: then the
    /// link is unknown and the policies it attaches are in [`NodeGroup::role_policies`].
    pub role: Link,
    /// SSH access to the nodes, when configured.
    pub ssh: Option<Ssh>,
    /// Whether the nodes get public IP addresses, where the node group itself says so (eksctl
    /// `privateNetworking`, default false: public). Terraform and CloudFormation node groups
    /// take it from their subnets and launch template, see [`NodeGroup::subnets`].
    pub public_ip: Option<Val<bool>>,
    /// The subnets the nodes are launched in, with the span of the list.
    pub subnets: Vec<Link>,
    pub subnets_span: Option<Span>,
    /// The launch template, when one is used.
    pub launch_template: Option<Link>,
    /// The Kubernetes version of the nodes, when set apart from the cluster's.
    pub version: Option<Val<String>>,
    /// Policies eksctl attaches to the role it creates: managed policy ARNs, and whether the
    /// `imageBuilder` add-on policy (full ECR access) is on.
    pub role_policies: Option<Val<Vec<Val<String>>>>,
    pub image_builder: Option<Val<bool>>,
    /// An inline policy document eksctl attaches (`iam.attachPolicy`).
    pub inline_policy: Option<Node>,
}

/// Remote access to the nodes.
#[derive(Debug)]
pub struct Ssh {
    /// The block that enables it (`remote_access`, `RemoteAccess`, `ssh`).
    pub span: Span,
    /// Whether SSH is on (eksctl `ssh.allow`; in Terraform and CloudFormation the block's
    /// presence with a key).
    pub enabled: Val<bool>,
    /// Security groups allowed to reach port 22; none known-empty means `0.0.0.0/0`.
    pub source_security_groups: Val<Vec<Val<String>>>,
}

pub const SSH: Attr = Attr {
    id: "remote_access",
    terraform: "remote_access.source_security_group_ids",
    cloudformation: "RemoteAccess.SourceSecurityGroups",
    kubernetes: "ssh.sourceSecurityGroupIds",
};
pub const PRIVATE_NETWORKING: Attr = Attr {
    id: "public_ip",
    terraform: "subnet_ids",
    cloudformation: "Subnets",
    kubernetes: "privateNetworking",
};
pub const NODE_VERSION: Attr = Attr {
    id: "version",
    terraform: "version",
    cloudformation: "Version",
    kubernetes: "version",
};
pub const ROLE_POLICIES: Attr = Attr {
    id: "role_policies",
    terraform: "policy_arn",
    cloudformation: "ManagedPolicyArns",
    kubernetes: "iam.attachPolicyARNs",
};

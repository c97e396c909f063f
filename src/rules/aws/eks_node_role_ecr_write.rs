use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::eks_links::{
    is_ecr_write_managed_policy, node_group_with_role, self_link, Link,
};
use crate::model::aws::eks_node_group::ROLE_POLICIES;
use crate::model::{Kind, Resource, Val};
use crate::parse::Node;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags AWS managed policies that allow pushing to or deleting from ECR
    /// (`AmazonEC2ContainerRegistryPowerUser`, `AmazonEC2ContainerRegistryFullAccess`, and the
    /// ECR Public equivalents) attached to the IAM role of EKS nodes, where read-only access
    /// (`AmazonEC2ContainerRegistryReadOnly` or `AmazonEC2ContainerRegistryPullOnly`) is all
    /// nodes need.
    ///
    /// The role must be resolvably a node role: a Terraform `aws_iam_role_policy_attachment`,
    /// `aws_iam_policy_attachment` or `managed_policy_arns`, or a CloudFormation
    /// `ManagedPolicyArns`, on a role that a node group of the scan names as its
    /// `node_role_arn` / `NodeRole` (by reference, or by a name and ARN that agree). eksctl node
    /// groups are checked for `iam.attachPolicyARNs` and `iam.withAddonPolicies.imageBuilder`.
    ///
    /// ## Why is this bad?
    /// Every pod on a node can use the node's role. With write access to ECR, one compromised
    /// container can overwrite the images the whole company deploys, a supply-chain attack
    /// that spreads to every cluster pulling them.
    ///
    /// ## How to fix
    /// Attach `AmazonEC2ContainerRegistryReadOnly` (or `PullOnly`) to node roles; give image
    /// pushing to CI roles, not to nodes.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_iam_role" "nodes" {
    ///   name               = "nodes"
    ///   assume_role_policy = "{}"
    /// }
    /// resource "aws_iam_role_policy_attachment" "ecr" {
    ///   role       = aws_iam_role.nodes.name
    ///   policy_arn = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser"
    /// }
    /// resource "aws_eks_node_group" "workers" {
    ///   cluster_name  = "main"
    ///   node_role_arn = aws_iam_role.nodes.arn
    ///   subnet_ids    = ["subnet-1"]
    ///   scaling_config {
    ///     desired_size = 2
    ///     max_size     = 3
    ///     min_size     = 1
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_iam_role" "nodes" {
    ///   name               = "nodes"
    ///   assume_role_policy = "{}"
    /// }
    /// resource "aws_iam_role_policy_attachment" "ecr" {
    ///   role       = aws_iam_role.nodes.name
    ///   policy_arn = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"
    /// }
    /// resource "aws_eks_node_group" "workers" {
    ///   cluster_name  = "main"
    ///   node_role_arn = aws_iam_role.nodes.arn
    ///   subnet_ids    = ["subnet-1"]
    ///   scaling_config {
    ///     desired_size = 2
    ///     max_size     = 3
    ///     min_size     = 1
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   NodeRole:
    ///     Type: AWS::IAM::Role
    ///     Properties:
    ///       AssumeRolePolicyDocument: {}
    ///       ManagedPolicyArns:
    ///         - arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy
    ///         - arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess
    ///   Workers:
    ///     Type: AWS::EKS::Nodegroup
    ///     Properties:
    ///       ClusterName: main
    ///       NodeRole: !GetAtt NodeRole.Arn
    ///       Subnets: [subnet-1]
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   NodeRole:
    ///     Type: AWS::IAM::Role
    ///     Properties:
    ///       AssumeRolePolicyDocument: {}
    ///       ManagedPolicyArns:
    ///         - arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy
    ///         - arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly
    ///   Workers:
    ///     Type: AWS::EKS::Nodegroup
    ///     Properties:
    ///       ClusterName: main
    ///       NodeRole: !GetAtt NodeRole.Arn
    ///       Subnets: [subnet-1]
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"NodeRole": {"Type": "AWS::IAM::Role", "Properties": {
    ///   "AssumeRolePolicyDocument": {},
    ///   "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser"]}},
    ///   "Workers": {"Type": "AWS::EKS::Nodegroup", "Properties": {"ClusterName": "main",
    ///   "NodeRole": {"Fn::GetAtt": ["NodeRole", "Arn"]}, "Subnets": ["subnet-1"]}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"NodeRole": {"Type": "AWS::IAM::Role", "Properties": {
    ///   "AssumeRolePolicyDocument": {},
    ///   "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"]}},
    ///   "Workers": {"Type": "AWS::EKS::Nodegroup", "Properties": {"ClusterName": "main",
    ///   "NodeRole": {"Fn::GetAtt": ["NodeRole", "Arn"]}, "Subnets": ["subnet-1"]}}}}
    /// ```
    /// ```eksctl,bad
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// managedNodeGroups:
    ///   - name: workers
    ///     privateNetworking: true
    ///     iam:
    ///       withAddonPolicies:
    ///         imageBuilder: true
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
    ///     iam:
    ///       attachPolicyARNs:
    ///         - arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy
    ///         - arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy
    ///         - arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly
    /// ```
    ///
    /// ## References
    /// - [Amazon EKS node IAM role](https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html)
    /// - CIS Amazon EKS Benchmark 5.1.3; EKS hardening CCE-86681-4; NIST 800-53 AC-6
    pub EksNodeRoleEcrWrite {
        id: "AWS-EKS-012",
        name: "eks-node-role-ecr-write",
        severity: High,
        refs: ["CIS EKS 5.1.3", "CCE-86681-4", "NIST 800-53 AC-6"],
        fix: "attach `AmazonEC2ContainerRegistryReadOnly` to node roles instead of PowerUser or FullAccess",
    }
}

impl Check for EksNodeRoleEcrWrite {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        if let Kind::EksNodeGroup(group) = &resource.kind {
            if let Some(arns) = group.role_policies.as_ref().and_then(|l| l.get()) {
                for arn in arns {
                    if arn.get().is_some_and(|a| is_ecr_write_managed_policy(a)) {
                        let message = "the node role can push to and delete from ECR: this managed policy grants ECR write access";
                        out.report_value(&ROLE_POLICIES, arn, message);
                    }
                }
            }
            if let Some(builder) = &group.image_builder {
                if builder.is_true() {
                    out.report_value(
                        &ROLE_POLICIES,
                        builder,
                        "the node role can push to and delete from ECR: `imageBuilder` attaches AmazonEC2ContainerRegistryFullAccess",
                    );
                }
            }
            return;
        }
        // (role, policy ARN nodes) pairs this resource attaches.
        let body = &resource.body;
        let attached: Vec<(Link, &Node)> = match resource.type_name.as_str() {
            "aws_iam_role_policy_attachment" => body
                .get("policy_arn")
                .map(|arn| (Link::field(Some(body), "role"), arn))
                .into_iter()
                .collect(),
            "aws_iam_policy_attachment" => match body.get("policy_arn") {
                Some(arn) => Link::list(body.get("roles"))
                    .into_iter()
                    .map(|role| (role, arn))
                    .collect(),
                None => Vec::new(),
            },
            "aws_iam_role" | "AWS::IAM::Role" => body
                .get("managed_policy_arns")
                .or_else(|| body.get("ManagedPolicyArns"))
                .and_then(Node::as_seq)
                .unwrap_or_default()
                .iter()
                .map(|arn| (self_link(resource), arn))
                .collect(),
            _ => return,
        };
        for (role, arn) in attached {
            let arn = Val::from_str_node(arn);
            if !arn.get().is_some_and(|a| is_ecr_write_managed_policy(a)) {
                continue;
            }
            if let Some(group) = node_group_with_role(&role, cx.resources) {
                let message = format!(
                    "the node role of `{}` can push to and delete from ECR: this managed policy grants ECR write access",
                    group.address
                );
                out.report_value(&ROLE_POLICIES, &arn, message);
            }
        }
    }
}

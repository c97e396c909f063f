use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::eks_node_group::SSH;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags EKS node groups that allow SSH without naming the security groups it may come
    /// from, which opens port 22 of every node to `0.0.0.0/0`.
    ///
    /// Managed node groups with `remote_access` / `RemoteAccess` and no
    /// `source_security_group_ids` / `SourceSecurityGroups` get a security group that allows SSH
    /// from anywhere; so do eksctl node groups with `ssh.allow: true` (or a public key) and no
    /// `ssh.sourceSecurityGroupIds`.
    ///
    /// ## Why is this bad?
    /// Nodes reachable over SSH from the internet are exposed to brute force and to every SSH
    /// vulnerability, and a node holds the credentials of every pod on it and of its IAM role.
    ///
    /// ## How to fix
    /// Remove SSH access (use SSM Session Manager instead) or restrict it to a bastion's
    /// security group.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_eks_node_group" "workers" {
    ///   cluster_name  = "main"
    ///   node_role_arn = "arn:aws:iam::123456789012:role/nodes"
    ///   subnet_ids    = ["subnet-1"]
    ///   scaling_config {
    ///     desired_size = 2
    ///     max_size     = 3
    ///     min_size     = 1
    ///   }
    ///   remote_access {
    ///     ec2_ssh_key = "ops"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_eks_node_group" "workers" {
    ///   cluster_name  = "main"
    ///   node_role_arn = "arn:aws:iam::123456789012:role/nodes"
    ///   subnet_ids    = ["subnet-1"]
    ///   scaling_config {
    ///     desired_size = 2
    ///     max_size     = 3
    ///     min_size     = 1
    ///   }
    ///   remote_access {
    ///     ec2_ssh_key               = "ops"
    ///     source_security_group_ids = ["sg-0bastion"]
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Workers:
    ///     Type: AWS::EKS::Nodegroup
    ///     Properties:
    ///       ClusterName: main
    ///       NodeRole: arn:aws:iam::123456789012:role/nodes
    ///       Subnets: [subnet-1]
    ///       RemoteAccess:
    ///         Ec2SshKey: ops
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Workers:
    ///     Type: AWS::EKS::Nodegroup
    ///     Properties:
    ///       ClusterName: main
    ///       NodeRole: arn:aws:iam::123456789012:role/nodes
    ///       Subnets: [subnet-1]
    ///       RemoteAccess:
    ///         Ec2SshKey: ops
    ///         SourceSecurityGroups: [sg-0bastion]
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Workers": {"Type": "AWS::EKS::Nodegroup", "Properties": {
    ///   "ClusterName": "main", "NodeRole": "arn:aws:iam::123456789012:role/nodes",
    ///   "Subnets": ["subnet-1"], "RemoteAccess": {"Ec2SshKey": "ops"}}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Workers": {"Type": "AWS::EKS::Nodegroup", "Properties": {
    ///   "ClusterName": "main", "NodeRole": "arn:aws:iam::123456789012:role/nodes",
    ///   "Subnets": ["subnet-1"]}}}}
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
    ///     ssh:
    ///       allow: true
    ///       publicKeyName: ops
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
    ///     ssh:
    ///       allow: true
    ///       publicKeyName: ops
    ///       sourceSecurityGroupIds: [sg-0bastion]
    /// ```
    ///
    /// ## References
    /// - [Managed node group remote access](https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html)
    /// - CIS Amazon EKS Benchmark 5.4.3; EKS hardening CCE-88669-7; NIST 800-53 SC-7, AC-17
    pub EksNodeSshOpen {
        id: "AWS-EKS-011",
        name: "eks-node-ssh-from-anywhere",
        severity: High,
        refs: ["CIS EKS 5.4.3", "CCE-88669-7", "NIST 800-53 SC-7", "NIST 800-53 AC-17"],
        fix: "remove SSH access to the nodes or restrict it to source security groups",
    }
}

impl Check for EksNodeSshOpen {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::EksNodeGroup(group) = &resource.kind else {
            return;
        };
        let Some(ssh) = &group.ssh else {
            return;
        };
        let no_sources = ssh
            .source_security_groups
            .get()
            .is_some_and(|groups| groups.is_empty());
        if ssh.enabled.is_true() && no_sources {
            let message = format!(
                "SSH to the nodes is open to 0.0.0.0/0: `{}` is not set",
                out.name(&SSH)
            );
            out.report_at(ssh.span, SSH.id, message);
        }
    }
}

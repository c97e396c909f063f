use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::eks_links::{
    ecr_write_grants, node_group_with_role, of_types, self_link, Link,
};
use crate::model::{Attr, Kind, Resource, Val};
use crate::parse::{Node, NodeKind};
use crate::rules::Check;
use crate::source::FileId;

const POLICY: Attr = Attr {
    id: "policy",
    terraform: "policy",
    cloudformation: "PolicyDocument",
    kubernetes: "iam.attachPolicy",
};

declare_rule! {
    /// ## What it does
    /// Flags IAM policies that grant ECR write actions (`ecr:*`, `ecr:PutImage`,
    /// `ecr:BatchDeleteImage`, `ecr:Put*`, `*`, ...) to the IAM role of EKS nodes.
    ///
    /// Checked: Terraform `aws_iam_role_policy`, `inline_policy` blocks of `aws_iam_role`, and
    /// `aws_iam_policy` documents attached with `aws_iam_role_policy_attachment`; CloudFormation
    /// `Policies` of `AWS::IAM::Role` and `AWS::IAM::Policy` / `AWS::IAM::ManagedPolicy` with
    /// `Roles`; eksctl `iam.attachPolicy`. The role must be a node group's role in the scan
    /// (see `AWS-EKS-012`); a policy document that cannot be read is not judged.
    ///
    /// ## Why is this bad?
    /// Nodes only pull images. Any pod on the node can use the node's credentials, so a write
    /// grant lets one compromised container replace images in your registries.
    ///
    /// ## How to fix
    /// Keep node policies to ECR read actions (`ecr:BatchGetImage`,
    /// `ecr:GetDownloadUrlForLayer`, `ecr:GetAuthorizationToken`); grant pushes to CI roles.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_iam_role_policy" "ecr" {
    ///   role   = aws_iam_role.nodes.id
    ///   policy = jsonencode({
    ///     Version   = "2012-10-17"
    ///     Statement = [{ Effect = "Allow", Action = ["ecr:*"], Resource = "*" }]
    ///   })
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
    /// resource "aws_iam_role_policy" "ecr" {
    ///   role   = aws_iam_role.nodes.id
    ///   policy = jsonencode({
    ///     Version   = "2012-10-17"
    ///     Statement = [{ Effect = "Allow", Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource = "*" }]
    ///   })
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
    ///       Policies:
    ///         - PolicyName: ecr
    ///           PolicyDocument:
    ///             Statement:
    ///               - Effect: Allow
    ///                 Action: [ecr:GetAuthorizationToken, ecr:PutImage]
    ///                 Resource: "*"
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
    ///       Policies:
    ///         - PolicyName: ecr
    ///           PolicyDocument:
    ///             Statement:
    ///               - Effect: Allow
    ///                 Action: [ecr:GetAuthorizationToken, ecr:BatchGetImage]
    ///                 Resource: "*"
    ///   Workers:
    ///     Type: AWS::EKS::Nodegroup
    ///     Properties:
    ///       ClusterName: main
    ///       NodeRole: !GetAtt NodeRole.Arn
    ///       Subnets: [subnet-1]
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"NodeRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}}},
    ///   "Push": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "push",
    ///   "Roles": [{"Ref": "NodeRole"}], "PolicyDocument": {"Statement": [
    ///   {"Effect": "Allow", "Action": "ecr:*", "Resource": "*"}]}}},
    ///   "Workers": {"Type": "AWS::EKS::Nodegroup", "Properties": {"ClusterName": "main",
    ///   "NodeRole": {"Fn::GetAtt": ["NodeRole", "Arn"]}, "Subnets": ["subnet-1"]}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"NodeRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}}},
    ///   "Pull": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "pull",
    ///   "Roles": [{"Ref": "NodeRole"}], "PolicyDocument": {"Statement": [
    ///   {"Effect": "Allow", "Action": "ecr:Get*", "Resource": "*"}]}}},
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
    ///       attachPolicy:
    ///         Version: "2012-10-17"
    ///         Statement:
    ///           - Effect: Allow
    ///             Action: ["ecr:PutImage", "ecr:UploadLayerPart"]
    ///             Resource: "*"
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
    ///       attachPolicy:
    ///         Version: "2012-10-17"
    ///         Statement:
    ///           - Effect: Allow
    ///             Action: ["ecr:BatchGetImage"]
    ///             Resource: "*"
    /// ```
    ///
    /// ## References
    /// - [Amazon ECR identity-based policies](https://docs.aws.amazon.com/AmazonECR/latest/userguide/security_iam_id-based-policy-examples.html)
    /// - CIS Amazon EKS Benchmark 5.1.2; EKS hardening CCE-89643-1; NIST 800-53 AC-6
    pub EksNodeRoleEcrActions {
        id: "AWS-EKS-013",
        name: "eks-node-role-ecr-write-actions",
        severity: High,
        refs: ["CIS EKS 5.1.2", "CCE-89643-1", "NIST 800-53 AC-6"],
        fix: "limit node role policies to ECR read actions; give image pushes to CI roles",
    }
}

impl Check for EksNodeRoleEcrActions {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        if let Kind::EksNodeGroup(group) = &resource.kind {
            if let Some(document) = &group.inline_policy {
                report_document(out, document, "this node group's role");
            }
            return;
        }
        let body = &resource.body;
        // (role, policy document node) pairs.
        let mut documents: Vec<(Link, &Node)> = Vec::new();
        match resource.type_name.as_str() {
            "aws_iam_role_policy" => {
                if let Some(policy) = body.get("policy") {
                    documents.push((Link::field(Some(body), "role"), policy));
                }
            }
            "aws_iam_role" => {
                for entry in body.as_map().unwrap_or_default() {
                    if entry.key == "inline_policy" {
                        if let Some(policy) = entry.value.get("policy") {
                            documents.push((self_link(resource), policy));
                        }
                    }
                }
            }
            "AWS::IAM::Role" => {
                for policy in body
                    .get("Policies")
                    .and_then(Node::as_seq)
                    .unwrap_or_default()
                {
                    if let Some(document) = policy.get("PolicyDocument") {
                        documents.push((self_link(resource), document));
                    }
                }
            }
            "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => {
                if let Some(document) = body.get("PolicyDocument") {
                    for role in Link::list(body.get("Roles")) {
                        documents.push((role, document));
                    }
                }
            }
            "aws_iam_role_policy_attachment" => {
                // A customer managed policy of the scan, attached by reference.
                let policy = Link::field(Some(body), "policy_arn");
                if let Link::Resource(_) = policy {
                    for managed in of_types(cx.resources, &["aws_iam_policy"]) {
                        if policy.is(managed, None) {
                            if let Some(document) = managed.body.get("policy") {
                                if !grants(document).is_empty() {
                                    let role = Link::field(Some(body), "role");
                                    if let Some(group) = node_group_with_role(&role, cx.resources) {
                                        if let Some(arn) = body.get("policy_arn") {
                                            let message = format!(
                                                "the node role of `{}` gets ECR write actions from policy `{}`",
                                                group.address, managed.address
                                            );
                                            out.report_value(
                                                &POLICY,
                                                &Val::from_str_node(arn),
                                                message,
                                            );
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                return;
            }
            _ => return,
        }
        for (role, document) in documents {
            if let Some(group) = node_group_with_role(&role, cx.resources) {
                let whose = format!("the node role of `{}`", group.address);
                report_document(out, document, &whose);
            }
        }
    }
}

/// The ECR write actions a document grants: `(action, span to report)`. A document written as
/// JSON text (Terraform `jsonencode`, heredocs) is parsed; its actions are reported at the text.
fn grants(document: &Node) -> Vec<(String, crate::source::Span)> {
    match &document.kind {
        NodeKind::Str(text) => {
            let Some(parsed) = crate::parse::json::parse_lenient(text, FileId(0)) else {
                return Vec::new();
            };
            ecr_write_grants(&parsed)
                .into_iter()
                .filter_map(|a| a.as_str().map(|s| (s.to_string(), document.span)))
                .collect()
        }
        NodeKind::Map(_) => ecr_write_grants(document)
            .into_iter()
            .filter_map(|a| a.as_str().map(|s| (s.to_string(), a.span)))
            .collect(),
        _ => Vec::new(),
    }
}

fn report_document(out: &mut Reporter, document: &Node, whose: &str) {
    let mut reported = Vec::new();
    for (action, span) in grants(document) {
        if reported.contains(&span) {
            continue; // One finding per JSON text, naming the first write action.
        }
        reported.push(span);
        out.report_at(
            span,
            POLICY.id,
            format!("{whose} is allowed `{action}`, which writes to ECR; nodes only need to pull"),
        );
    }
}

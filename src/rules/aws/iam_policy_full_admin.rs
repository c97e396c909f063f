use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::iam::{wildcard, POLICY};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags IAM policies with an `Allow` statement for every action (`"Action": "*"` or
    /// `"*:*"`) on every resource (`"Resource": "*"`): full administrator rights. Standalone
    /// and managed policies, inline role, user and group policies in CloudFormation and
    /// Terraform are read, including Terraform `jsonencode(...)` and heredoc JSON. Policies
    /// built by `data "aws_iam_policy_document"` are not evaluated and raise nothing.
    ///
    /// ## Why is this bad?
    /// Whoever holds the policy (a node role, a CI user, a pod through IRSA) can do anything in
    /// the account: read every secret, delete every backup, create new administrators. One
    /// leaked credential or compromised pod then means a compromised account.
    ///
    /// ## How to fix
    /// Grant the actions and resources the principal needs; keep administrator access for
    /// break-glass roles behind MFA and SSO.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_iam_policy" "deploy" {
    ///   name = "deploy"
    ///   policy = jsonencode({
    ///     Version   = "2012-10-17"
    ///     Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
    ///   })
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_iam_policy" "deploy" {
    ///   name = "deploy"
    ///   policy = jsonencode({
    ///     Version   = "2012-10-17"
    ///     Statement = [{ Effect = "Allow", Action = ["eks:DescribeCluster"], Resource = "*" }]
    ///   })
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Deploy:
    ///     Type: AWS::IAM::ManagedPolicy
    ///     Properties:
    ///       PolicyDocument:
    ///         Version: "2012-10-17"
    ///         Statement:
    ///           - Effect: Allow
    ///             Action: "*"
    ///             Resource: "*"
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Deploy:
    ///     Type: AWS::IAM::ManagedPolicy
    ///     Properties:
    ///       PolicyDocument:
    ///         Version: "2012-10-17"
    ///         Statement:
    ///           - Effect: Allow
    ///             Action: eks:DescribeCluster
    ///             Resource: "*"
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Ci": {"Type": "AWS::IAM::Role", "Properties": {
    ///   "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
    ///     {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
    ///   "Policies": [{"PolicyName": "all", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
    ///     {"Effect": "Allow", "Action": ["*:*"], "Resource": ["*"]}]}}]}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Ci": {"Type": "AWS::IAM::Role", "Properties": {
    ///   "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
    ///     {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
    ///   "Policies": [{"PolicyName": "read", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
    ///     {"Effect": "Allow", "Action": ["ecr:BatchGetImage"], "Resource": ["*"]}]}}]}}}}
    /// ```
    ///
    /// ## References
    /// - [Security best practices in IAM: grant least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    /// - CIS AWS Foundations Benchmark v3.0.0 1.16 (also 1.16 in v1.4.0); NIST 800-53 AC-6
    pub IamPolicyFullAdmin {
        id: "AWS-IAM-001",
        name: "iam-policy-full-admin",
        severity: High,
        refs: ["CIS AWS 1.16", "NIST 800-53 AC-6"],
        fix: "allow only the actions and resources the principal needs instead of `*` on `*`",
    }
}

impl Check for IamPolicyFullAdmin {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::IamPolicies(policies) = &resource.kind else {
            return;
        };
        for document in &policies.documents {
            let Some(statements) = document.statements.get() else {
                continue;
            };
            for statement in statements.iter().filter(|s| s.allows()) {
                let every_action = wildcard(statement.action.as_ref(), |a| a == "*" || a == "*:*");
                let every_resource = wildcard(statement.resource.as_ref(), |r| r == "*");
                if let (Some(action), Some(_)) = (every_action, every_resource) {
                    out.report_value(
                        &POLICY,
                        action,
                        "the policy allows every action (`*`) on every resource (`*`): full administrator access",
                    );
                }
            }
        }
    }
}

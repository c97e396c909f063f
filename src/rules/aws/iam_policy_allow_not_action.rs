use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::iam::POLICY;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags IAM policy statements that combine `"Effect": "Allow"` with `NotAction`.
    ///
    /// ## Why is this bad?
    /// `Allow` + `NotAction` grants every action of every service except the ones listed,
    /// including actions of services AWS launches later. `"NotAction": "iam:*"` still allows
    /// deleting every database and reading every secret. Such statements are nearly always
    /// far broader than intended.
    ///
    /// ## How to fix
    /// List the allowed actions in `Action`. To carve out exceptions, add a `Deny` statement
    /// (where `NotAction` is safe).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_iam_role_policy" "ops" {
    ///   name   = "ops"
    ///   role   = "ops"
    ///   policy = <<-EOF
    ///     {
    ///       "Version": "2012-10-17",
    ///       "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]
    ///     }
    ///   EOF
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_iam_role_policy" "ops" {
    ///   name   = "ops"
    ///   role   = "ops"
    ///   policy = <<-EOF
    ///     {
    ///       "Version": "2012-10-17",
    ///       "Statement": [{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}]
    ///     }
    ///   EOF
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Ops:
    ///     Type: AWS::IAM::Policy
    ///     Properties:
    ///       PolicyName: ops
    ///       Roles: [ops]
    ///       PolicyDocument:
    ///         Version: "2012-10-17"
    ///         Statement:
    ///           - Effect: Allow
    ///             NotAction: ["iam:*", "organizations:*"]
    ///             Resource: "*"
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Ops:
    ///     Type: AWS::IAM::Policy
    ///     Properties:
    ///       PolicyName: ops
    ///       Roles: [ops]
    ///       PolicyDocument:
    ///         Version: "2012-10-17"
    ///         Statement:
    ///           - Effect: Allow
    ///             Action: ["ec2:Describe*", "eks:Describe*"]
    ///             Resource: "*"
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Ops": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
    ///   "PolicyDocument": {"Version": "2012-10-17", "Statement":
    ///     {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Ops": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
    ///   "PolicyDocument": {"Version": "2012-10-17", "Statement":
    ///     {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}}}}}}
    /// ```
    ///
    /// ## References
    /// - [IAM JSON policy elements: NotAction](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html)
    /// - NIST 800-53 AC-6
    pub IamPolicyAllowNotAction {
        id: "AWS-IAM-002",
        name: "iam-policy-allow-not-action",
        severity: Medium,
        refs: ["NIST 800-53 AC-6"],
        fix: "list the allowed actions in `Action`; use `NotAction` only with `Deny`",
    }
}

impl Check for IamPolicyAllowNotAction {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::IamPolicies(policies) = &resource.kind else {
            return;
        };
        for document in &policies.documents {
            let Some(statements) = document.statements.get() else {
                continue;
            };
            for statement in statements.iter().filter(|s| s.allows()) {
                if let Some(not_action) = &statement.not_action {
                    out.report_value(
                        &POLICY,
                        not_action,
                        "the policy allows every action except those in `NotAction`, including services added later",
                    );
                }
            }
        }
    }
}

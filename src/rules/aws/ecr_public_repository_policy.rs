use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::ecr::POLICY;
use crate::model::aws::iam::{wildcard, Document};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags ECR repository policies (`aws_ecr_repository_policy`, `RepositoryPolicyText` of
    /// `AWS::ECR::Repository`) with an `Allow` statement for every principal
    /// (`"Principal": "*"` or `{"AWS": "*"}`) and no `Condition` narrowing it down (such as
    /// `aws:PrincipalOrgID`).
    ///
    /// ## Why is this bad?
    /// `*` is every AWS account in the world, authenticated or not. Depending on the actions
    /// allowed, anyone can pull the images (with the code, configuration and secrets baked
    /// into them), or push and overwrite them, which puts their code in your cluster.
    ///
    /// ## How to fix
    /// Name the accounts or roles that need access, or add a condition such as
    /// `aws:PrincipalOrgID`.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_ecr_repository_policy" "app" {
    ///   repository = "app"
    ///   policy = jsonencode({
    ///     Version = "2012-10-17"
    ///     Statement = [{
    ///       Sid       = "pull"
    ///       Effect    = "Allow"
    ///       Principal = "*"
    ///       Action    = ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    ///     }]
    ///   })
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_ecr_repository_policy" "app" {
    ///   repository = "app"
    ///   policy = jsonencode({
    ///     Version = "2012-10-17"
    ///     Statement = [{
    ///       Sid       = "pull"
    ///       Effect    = "Allow"
    ///       Principal = { AWS = "arn:aws:iam::123456789012:root" }
    ///       Action    = ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    ///     }]
    ///   })
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   App:
    ///     Type: AWS::ECR::Repository
    ///     Properties:
    ///       RepositoryName: app
    ///       RepositoryPolicyText:
    ///         Version: "2012-10-17"
    ///         Statement:
    ///           - Effect: Allow
    ///             Principal:
    ///               AWS: "*"
    ///             Action: ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   App:
    ///     Type: AWS::ECR::Repository
    ///     Properties:
    ///       RepositoryName: app
    ///       RepositoryPolicyText:
    ///         Version: "2012-10-17"
    ///         Statement:
    ///           - Effect: Allow
    ///             Principal:
    ///               AWS: "*"
    ///             Action: ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    ///             Condition:
    ///               StringEquals:
    ///                 aws:PrincipalOrgID: o-a1b2c3d4e5
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"App": {"Type": "AWS::ECR::Repository", "Properties": {
    ///   "RepositoryName": "app",
    ///   "RepositoryPolicyText": {"Version": "2012-10-17", "Statement": [
    ///     {"Effect": "Allow", "Principal": "*", "Action": "ecr:*"}]}}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"App": {"Type": "AWS::ECR::Repository", "Properties": {
    ///   "RepositoryName": "app",
    ///   "RepositoryPolicyText": {"Version": "2012-10-17", "Statement": [
    ///     {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/ci"}, "Action": "ecr:*"}]}}}}}
    /// ```
    ///
    /// ## References
    /// - [Private repository policies in Amazon ECR](https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html)
    /// - NIST 800-53 AC-3, AC-6
    pub EcrPublicRepositoryPolicy {
        id: "AWS-ECR-004",
        name: "ecr-public-repository-policy",
        severity: High,
        refs: ["NIST 800-53 AC-3", "NIST 800-53 AC-6"],
        fix: "name the accounts or roles in `Principal`, or add an `aws:PrincipalOrgID` condition",
    }
}

impl Check for EcrPublicRepositoryPolicy {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let document: &Document = match &resource.kind {
            Kind::EcrRepository(repository) => match &repository.policy {
                Some(document) => document,
                None => return,
            },
            Kind::EcrRepositoryPolicy(policy) => &policy.document,
            _ => return,
        };
        let Some(statements) = document.statements.get() else {
            return;
        };
        for statement in statements {
            if !statement.allows() || statement.has_condition {
                continue;
            }
            if let Some(star) = wildcard(statement.principal.as_ref(), |p| p == "*") {
                out.report_value(
                    &POLICY,
                    star,
                    "the repository policy allows every principal (`*`) without a condition",
                );
            }
        }
    }
}

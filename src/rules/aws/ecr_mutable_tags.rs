use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::ecr::TAG_MUTABILITY;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags ECR repositories whose image tags can be overwritten: `image_tag_mutability` is
    /// `MUTABLE` (the default) or `MUTABLE_WITH_EXCLUSION`.
    ///
    /// ## Why is this bad?
    /// With mutable tags, whoever can push can silently replace `app:1.4.2` with a different
    /// image: nodes pulling the tag later run code nobody reviewed or scanned, and the
    /// deployment manifest still looks unchanged. Immutable tags make a tag name one image,
    /// forever.
    ///
    /// ## How to fix
    /// Set `image_tag_mutability` to `IMMUTABLE` (and deploy by digest where you can).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_ecr_repository" "app" {
    ///   name = "app"
    ///   image_scanning_configuration {
    ///     scan_on_push = true
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_ecr_repository" "app" {
    ///   name                 = "app"
    ///   image_tag_mutability = "IMMUTABLE"
    ///   image_scanning_configuration {
    ///     scan_on_push = true
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   App:
    ///     Type: AWS::ECR::Repository
    ///     Properties:
    ///       RepositoryName: app
    ///       ImageTagMutability: MUTABLE
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   App:
    ///     Type: AWS::ECR::Repository
    ///     Properties:
    ///       RepositoryName: app
    ///       ImageTagMutability: IMMUTABLE
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"App": {"Type": "AWS::ECR::Repository", "Properties": {
    ///   "RepositoryName": "app"}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"App": {"Type": "AWS::ECR::Repository", "Properties": {
    ///   "RepositoryName": "app", "ImageTagMutability": "IMMUTABLE"}}}}
    /// ```
    ///
    /// ## References
    /// - [Preventing image tags from being overwritten in Amazon ECR](https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html)
    /// - NIST 800-53 CM-14, SI-7
    pub EcrMutableTags {
        id: "AWS-ECR-002",
        name: "ecr-mutable-tags",
        severity: Medium,
        refs: ["NIST 800-53 CM-14", "NIST 800-53 SI-7"],
        fix: "set `image_tag_mutability` to `IMMUTABLE`",
    }
}

impl Check for EcrMutableTags {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::EcrRepository(repository) = &resource.kind else {
            return;
        };
        let mutability = &repository.tag_mutability;
        let Some(value) = mutability.get().filter(|v| {
            v.eq_ignore_ascii_case("MUTABLE") || v.eq_ignore_ascii_case("MUTABLE_WITH_EXCLUSION")
        }) else {
            return;
        };
        let attr = out.name(&TAG_MUTABILITY);
        let message = if mutability.is_default() {
            format!("image tags can be overwritten: `{attr}` is not set and defaults to `{value}`")
        } else {
            format!("image tags can be overwritten: `{attr}` is `{value}`")
        };
        out.report_value(&TAG_MUTABILITY, mutability, message);
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Format, Kind, Resource};
use crate::policy::org::configured;
use crate::rules::Check;

use super::tags::resource_tags;

declare_rule! {
    /// ## What it does
    /// Organisation policy: flags AWS and Azure resources that lack a tag listed in
    /// `required_tags` in the `[policy]` section of `.iacguard.toml`. Silent until that list is
    /// configured.
    ///
    /// Resources: Terraform `aws_*` and `azurerm_*`, CloudFormation `AWS::*`, when they support
    /// tags (they write `tags`/`Tags`, or are a common taggable type; a type that cannot carry
    /// tags is never reported). The AWS provider's `default_tags` count as applied to every
    /// resource of the module that declares the provider (and, for modules without their own
    /// `provider "aws"` block, to those inheriting it); plan JSON's `tags_all` counts too. Tags
    /// that cannot be known (a variable without a default, a `merge` with one) are not
    /// reported. Keys are compared exactly, as AWS does. CloudFormation stack-level tags
    /// (`aws cloudformation deploy --tags`) are not in the template and cannot be seen: write
    /// them in the template, or suppress the rule for such stacks.
    ///
    /// ## Why is this bad?
    /// Tags are how costs are charged back, owners found during an incident, and automation
    /// (backups, patching, shutdown schedules, access policies based on tags) selects resources.
    /// An untagged resource is paid by nobody, owned by nobody and skipped by that automation.
    ///
    /// ## How to fix
    /// Add the missing tags, or set them once for all AWS resources with the provider's
    /// `default_tags { tags = {...} }`.
    ///
    /// ## Example
    /// ```tf,bad
    /// # .iacguard.toml: policy.required_tags = ["owner", "cost-center"]
    /// resource "aws_s3_bucket" "logs" {
    ///   bucket = "acme-logs"
    ///   tags = {
    ///     owner = "platform"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// # .iacguard.toml: policy.required_tags = ["owner", "cost-center"]
    /// provider "aws" {
    ///   region = "eu-west-1"
    ///   default_tags {
    ///     tags = { cost-center = "1234" }
    ///   }
    /// }
    ///
    /// resource "aws_s3_bucket" "logs" {
    ///   bucket = "acme-logs"
    ///   tags = {
    ///     owner = "platform"
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// # .iacguard.toml: policy.required_tags = ["owner"]
    /// Resources:
    ///   Logs:
    ///     Type: AWS::S3::Bucket
    /// ```
    /// ```cfn-yaml,good
    /// # .iacguard.toml: policy.required_tags = ["owner"]
    /// Resources:
    ///   Logs:
    ///     Type: AWS::S3::Bucket
    ///     Properties:
    ///       Tags:
    ///         - Key: owner
    ///           Value: platform
    /// ```
    ///
    /// ## References
    /// - [Tagging best practices (AWS)](https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/tagging-best-practices.html)
    /// - [Azure Policy built-in: Require a tag on resources](https://learn.microsoft.com/azure/governance/policy/samples/built-in-policies#tags)
    /// - NIST 800-53 CM-8
    pub TagsRequired {
        id: "ORG-003",
        name: "required-tags-missing",
        severity: Low,
        refs: ["NIST 800-53 CM-8"],
        fix: "add the tags listed in [policy] required_tags (or set them in the provider's default_tags)",
    }
}

const TAGS: Attr = Attr {
    id: "tags",
    terraform: "tags",
    cloudformation: "Tags",
    kubernetes: "tags",
};

impl Check for TagsRequired {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let required: Vec<&str> = configured(&cx.policy.required_tags).collect();
        if required.is_empty() {
            return;
        }
        let Some(tags) = resource_tags(resource) else {
            return;
        };
        let Some(mut keys) = tags.keys else {
            return;
        };
        if resource.format == Format::Terraform && resource.type_name.starts_with("aws_") {
            match default_tags(resource, cx) {
                Some(defaults) => keys.extend(defaults),
                None => return,
            }
        }
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|tag| !keys.iter().any(|key| key == tag))
            .collect();
        if missing.is_empty() {
            return;
        }
        let list = missing
            .iter()
            .map(|tag| format!("`{tag}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let noun = if missing.len() == 1 { "tag" } else { "tags" };
        match tags.span {
            Some(span) => out.report_at(
                span,
                TAGS.id,
                format!("the required {noun} {list} {} missing", is_are(&missing)),
            ),
            None => out.report_missing(
                &TAGS,
                format!(
                    "the resource has no `{}`: the required {noun} {list} {} missing",
                    out.name(&TAGS),
                    is_are(&missing)
                ),
            ),
        }
    }
}

fn is_are(items: &[&str]) -> &'static str {
    if items.len() == 1 {
        "is"
    } else {
        "are"
    }
}

/// The default tag keys of the AWS providers that apply to `resource`: those declared in its
/// own module, or, when its module declares none, every AWS provider of the scan (a module
/// inherits its caller's). `None` when one of them has default tags that cannot be known.
fn default_tags(resource: &Resource, cx: &Context) -> Option<Vec<String>> {
    let providers: Vec<_> = cx
        .resources
        .iter()
        .filter_map(|r| match &r.kind {
            Kind::Provider(p) if p.name == "aws" => Some(p),
            _ => None,
        })
        .collect();
    let own: Vec<_> = providers
        .iter()
        .filter(|p| p.module_files.contains(&resource.header.file))
        .collect();
    let applying = if own.is_empty() {
        providers.iter().collect()
    } else {
        own
    };
    let mut keys = Vec::new();
    for provider in applying {
        keys.extend(provider.default_tag_keys.clone().ok()?);
    }
    Some(keys)
}

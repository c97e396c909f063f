use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::ebs::DEFAULT_ENCRYPTION_ENABLED;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags `aws_ebs_encryption_by_default` resources that turn EBS encryption by default off.
    ///
    /// ## Why is this bad?
    /// Encryption by default makes every new EBS volume and snapshot copy in the region
    /// encrypted, whatever the template or tool that creates it says — including the volumes
    /// of EKS nodes, which node groups and Karpenter create for you. Turning it off means one
    /// forgotten `encrypted` setting leaves data unencrypted at rest.
    ///
    /// CloudFormation has no resource for this account setting, so the rule applies to
    /// Terraform (HCL, `.tf.json` and plan JSON) only; leaving the resource out changes
    /// nothing and is not reported.
    ///
    /// ## How to fix
    /// Set `enabled = true` (the default), in every region you use.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_ebs_encryption_by_default" "this" {
    ///   enabled = false
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_ebs_encryption_by_default" "this" {
    ///   enabled = true
    /// }
    /// ```
    ///
    /// ## References
    /// - [Amazon EBS encryption by default](https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html)
    /// - CIS AWS Foundations Benchmark v3.0.0 2.2.1; NIST 800-53 SC-28
    pub EbsDefaultEncryptionDisabled {
        id: "AWS-EBS-002",
        name: "ebs-default-encryption-disabled",
        severity: High,
        refs: ["CIS AWS 2.2.1", "NIST 800-53 SC-28"],
        fix: "set `enabled = true` on `aws_ebs_encryption_by_default`",
    }
}

impl Check for EbsDefaultEncryptionDisabled {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::EbsDefaultEncryption(setting) = &resource.kind else {
            return;
        };
        if setting.enabled.is_false() {
            out.report_value(
                &DEFAULT_ENCRYPTION_ENABLED,
                &setting.enabled,
                "EBS encryption by default is turned off for this region: `enabled` is false",
            );
        }
    }
}

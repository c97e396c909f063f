use crate::check::Context;
use crate::finding::Reporter;
use crate::fix::Remedy;
use crate::model::aws::ebs::ENCRYPTED;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags EBS volumes that are not encrypted at rest.
    ///
    /// ## Why is this bad?
    /// An unencrypted volume, and every snapshot taken of it, can be read by anyone who gets
    /// hold of the snapshot: shared by mistake, copied to another account, or restored by a
    /// compromised role. Encryption with KMS ties access to the key's policy and logs its use.
    /// Volumes are unencrypted unless the template says otherwise (or the account enables
    /// encryption by default, which a template cannot show).
    ///
    /// ## How to fix
    /// Set `encrypted` to true, ideally with a customer managed KMS key.
    ///
    /// ## Example
    /// ```tf,bad
    /// variable "encrypt_volumes" {
    ///   default = false
    /// }
    /// resource "aws_ebs_volume" "data" {
    ///   availability_zone = "eu-west-1a"
    ///   size              = 100
    ///   encrypted         = var.encrypt_volumes
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_ebs_volume" "data" {
    ///   availability_zone = "eu-west-1a"
    ///   size              = 100
    ///   encrypted         = true
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Data:
    ///     Type: AWS::EC2::Volume
    ///     Properties:
    ///       AvailabilityZone: eu-west-1a
    ///       Size: 100
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Data:
    ///     Type: AWS::EC2::Volume
    ///     Properties:
    ///       AvailabilityZone: eu-west-1a
    ///       Size: 100
    ///       Encrypted: true
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Data": {"Type": "AWS::EC2::Volume", "Properties": {
    ///   "AvailabilityZone": "eu-west-1a", "Size": 100, "Encrypted": false}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Data": {"Type": "AWS::EC2::Volume", "Properties": {
    ///   "AvailabilityZone": "eu-west-1a", "Size": 100, "Encrypted": "true"}}}}
    /// ```
    ///
    /// ## References
    /// - [Amazon EBS encryption](https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html)
    /// - CIS AWS Foundations Benchmark 2.2.1; NIST 800-53 SC-28
    pub EbsVolumeUnencrypted {
        id: "AWS-EBS-001",
        name: "ebs-volume-unencrypted",
        severity: High,
        refs: ["CIS AWS 2.2.1", "NIST 800-53 SC-28"],
        fix: "set `encrypted` to true",
    }
}

impl Check for EbsVolumeUnencrypted {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::EbsVolume(volume) = &resource.kind else {
            return;
        };
        if !volume.encrypted.is_false() {
            return;
        }
        let name = out.name(&ENCRYPTED);
        let message = if volume.encrypted.is_default() {
            format!("the EBS volume is not encrypted: `{name}` is not set and defaults to false")
        } else {
            format!("the EBS volume is not encrypted: `{name}` is false")
        };
        // Only a `false` written in place is rewritten; a missing attribute would need a new
        // line in HCL or CloudFormation, which is left to the author.
        let fix = Remedy::set_bool(
            volume.encrypted.span(),
            true,
            format!("set `{name}` to true"),
        );
        if volume.encrypted.is_default() {
            out.report_value(&ENCRYPTED, &volume.encrypted, message);
        } else {
            out.report_value_with_fix(&ENCRYPTED, &volume.encrypted, message, fix);
        }
    }
}

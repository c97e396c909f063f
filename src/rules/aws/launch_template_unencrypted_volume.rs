use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::launch_template::ENCRYPTED;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags EC2 launch templates whose block device mappings create unencrypted EBS volumes.
    ///
    /// ## Why is this bad?
    /// Every instance launched from the template — for EKS, every node of the node groups
    /// that use it — gets these volumes. Unencrypted, they and their snapshots can be read by
    /// whoever obtains a snapshot, and container images, logs and `emptyDir` data of the pods
    /// on the node all land on them. A volume left without `encrypted` is unencrypted unless
    /// the account encrypts by default, which a template cannot show; a volume made from a
    /// snapshot takes the snapshot's encryption, so it is not reported.
    ///
    /// ## How to fix
    /// Set `encrypted` to true in each mapping's EBS settings, ideally with a KMS key.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_launch_template" "nodes" {
    ///   name_prefix = "eks-nodes-"
    ///   block_device_mappings {
    ///     device_name = "/dev/xvda"
    ///     ebs {
    ///       volume_size = 50
    ///       encrypted   = "false"
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_launch_template" "nodes" {
    ///   name_prefix = "eks-nodes-"
    ///   block_device_mappings {
    ///     device_name = "/dev/xvda"
    ///     ebs {
    ///       volume_size = 50
    ///       encrypted   = true
    ///     }
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Nodes:
    ///     Type: AWS::EC2::LaunchTemplate
    ///     Properties:
    ///       LaunchTemplateData:
    ///         BlockDeviceMappings:
    ///           - DeviceName: /dev/xvda
    ///             Ebs:
    ///               VolumeSize: 50
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Nodes:
    ///     Type: AWS::EC2::LaunchTemplate
    ///     Properties:
    ///       LaunchTemplateData:
    ///         BlockDeviceMappings:
    ///           - DeviceName: /dev/xvda
    ///             Ebs:
    ///               VolumeSize: 50
    ///               Encrypted: true
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Nodes": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {
    ///   "LaunchTemplateData": {"BlockDeviceMappings": [
    ///     {"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 50, "Encrypted": false}}]}}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Nodes": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {
    ///   "LaunchTemplateData": {"BlockDeviceMappings": [
    ///     {"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 50, "Encrypted": true}}]}}}}}
    /// ```
    ///
    /// ## References
    /// - [Amazon EBS encryption](https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html)
    /// - CIS AWS Foundations Benchmark v3.0.0 2.2.1; NIST 800-53 SC-28
    pub LaunchTemplateUnencryptedVolume {
        id: "AWS-EC2-001",
        name: "launch-template-unencrypted-volume",
        severity: High,
        refs: ["CIS AWS 2.2.1", "NIST 800-53 SC-28"],
        fix: "set `encrypted` to true in the block device mapping's EBS settings",
    }
}

impl Check for LaunchTemplateUnencryptedVolume {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::LaunchTemplate(template) = &resource.kind else {
            return;
        };
        let name = out.name(&ENCRYPTED);
        for volume in &template.volumes {
            if !volume.encrypted.is_false() {
                continue;
            }
            let message = if volume.encrypted.is_default() {
                format!("this block device mapping creates an unencrypted EBS volume: `{name}` is not set and defaults to false")
            } else {
                format!("this block device mapping creates an unencrypted EBS volume: `{name}` is false")
            };
            out.report_value(&ENCRYPTED, &volume.encrypted, message);
        }
    }
}

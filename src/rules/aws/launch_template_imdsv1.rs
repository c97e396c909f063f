use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::launch_template::HTTP_TOKENS;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags EC2 launch templates that let instances answer IMDSv1 requests: the instance
    /// metadata service is on and `http_tokens` / `HttpTokens` is not `required`.
    ///
    /// ## Why is this bad?
    /// IMDSv1 answers any plain GET from the instance, so a server-side request forgery in any
    /// process — on an EKS node, in any pod that can reach the node's network — reads the
    /// instance role's temporary credentials. IMDSv2 requires a session token obtained with a
    /// PUT, which SSRF and most open proxies cannot send. EC2 keeps IMDSv1 on unless the
    /// template (or the AMI) requires tokens; a template that says nothing is reported.
    ///
    /// ## How to fix
    /// Set `http_tokens = "required"` in `metadata_options` (`HttpTokens: required` in
    /// `MetadataOptions`). For EKS nodes, also keep `http_put_response_hop_limit` at 1 unless
    /// pods must reach IMDS.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_launch_template" "nodes" {
    ///   name_prefix = "eks-nodes-"
    ///   metadata_options {
    ///     http_endpoint = "enabled"
    ///     http_tokens   = "optional"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_launch_template" "nodes" {
    ///   name_prefix = "eks-nodes-"
    ///   metadata_options {
    ///     http_endpoint               = "enabled"
    ///     http_tokens                 = "required"
    ///     http_put_response_hop_limit = 1
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Nodes:
    ///     Type: AWS::EC2::LaunchTemplate
    ///     Properties:
    ///       LaunchTemplateData:
    ///         InstanceType: m6i.large
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Nodes:
    ///     Type: AWS::EC2::LaunchTemplate
    ///     Properties:
    ///       LaunchTemplateData:
    ///         InstanceType: m6i.large
    ///         MetadataOptions:
    ///           HttpTokens: required
    ///           HttpPutResponseHopLimit: 1
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Nodes": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {
    ///   "LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "optional"}}}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Nodes": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {
    ///   "LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "required"}}}}}}
    /// ```
    ///
    /// ## References
    /// - [Use IMDSv2](https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html)
    /// - [EKS best practices: restrict access to the instance profile](https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html)
    /// - CIS AWS Foundations Benchmark v3.0.0 5.6; NIST 800-53 AC-3
    pub LaunchTemplateImdsv1 {
        id: "AWS-EC2-002",
        name: "launch-template-imdsv1",
        severity: High,
        refs: ["CIS AWS 5.6", "NIST 800-53 AC-3"],
        fix: "set the metadata options' `http_tokens` / `HttpTokens` to `required`",
    }
}

impl Check for LaunchTemplateImdsv1 {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::LaunchTemplate(template) = &resource.kind else {
            return;
        };
        // With the endpoint off there is no IMDS to ask; unknown means it may be off.
        if template.http_endpoint.get().map(String::as_str) != Some("enabled") {
            return;
        }
        let Some(tokens) = template.http_tokens.get() else {
            return;
        };
        if tokens == "required" {
            return;
        }
        let name = out.name(&HTTP_TOKENS);
        let message = if template.http_tokens.is_default() {
            format!("instances launched from this template accept IMDSv1: `{name}` is not set and defaults to `optional`")
        } else {
            format!("instances launched from this template accept IMDSv1: `{name}` is `{tokens}`, not `required`")
        };
        out.report_value(&HTTP_TOKENS, &template.http_tokens, message);
    }
}

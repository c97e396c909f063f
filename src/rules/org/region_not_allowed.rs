use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Format, Kind, Resource, Val};
use crate::policy::org::configured;
use crate::rules::Check;

use super::text;

declare_rule! {
    /// ## What it does
    /// Organisation policy: flags AWS deployments to regions outside `allowed_regions` in the
    /// `[policy]` section of `.iacguard.toml`. Silent until that list is configured.
    ///
    /// It reads the `region` of Terraform `provider "aws"` blocks (each alias too), the
    /// per-resource `region` argument of AWS provider 6, and `metadata.region` of eksctl
    /// `ClusterConfig` files. A region that is not written (taken from `AWS_REGION` or the
    /// profile) or not known (a variable without a default) is not reported. CloudFormation
    /// templates do not say where they are deployed (the stack's region is chosen when it is
    /// created), so they are out of this rule's reach: restrict regions with an SCP there.
    ///
    /// ## Why is this bad?
    /// Data residency laws and contracts, and the organisation's own landing zone (logging,
    /// GuardDuty, backups, network), usually exist in a few regions only. A resource elsewhere
    /// is outside all of that: unmonitored, unbacked-up, and possibly unlawful.
    ///
    /// ## How to fix
    /// Deploy to an allowed region, or add the region to `allowed_regions` once it is part of
    /// the landing zone.
    ///
    /// ## Example
    /// ```tf,bad
    /// # .iacguard.toml: policy.allowed_regions = ["eu-west-1", "eu-central-1"]
    /// provider "aws" {
    ///   region = "us-east-1"
    /// }
    /// ```
    /// ```tf,good
    /// # .iacguard.toml: policy.allowed_regions = ["eu-west-1", "eu-central-1"]
    /// provider "aws" {
    ///   region = "eu-west-1"
    /// }
    /// ```
    /// ```eksctl,bad
    /// # .iacguard.toml: policy.allowed_regions = ["eu-west-1"]
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: us-east-1
    /// ```
    /// ```eksctl,good
    /// # .iacguard.toml: policy.allowed_regions = ["eu-west-1"]
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// ```
    ///
    /// ## References
    /// - [Deny access to AWS based on the requested region (SCP example)](https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html)
    /// - NIST 800-53 SA-9(5)
    pub RegionNotAllowed {
        id: "ORG-001",
        name: "region-not-allowed",
        severity: Medium,
        refs: ["NIST 800-53 SA-9(5)"],
        fix: "deploy to a region listed in [policy] allowed_regions",
    }
}

const REGION: Attr = Attr {
    id: "region",
    terraform: "region",
    cloudformation: "region",
    kubernetes: "metadata.region",
};

impl Check for RegionNotAllowed {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let allowed: Vec<&str> = configured(&cx.policy.allowed_regions).collect();
        if allowed.is_empty() {
            return;
        }
        let region = match (&resource.kind, resource.format) {
            (Kind::Provider(provider), _) if provider.name == "aws" => provider.region.clone(),
            (Kind::EksCluster(_), Format::Kubernetes) => resource
                .body
                .path(&["metadata", "region"])
                .map(Val::from_str_node),
            (_, Format::Terraform) if resource.type_name.starts_with("aws_") => resource
                .body
                .get("region")
                .filter(|node| !node.is_null())
                .map(Val::from_str_node),
            _ => None,
        };
        let Some(region) = region else {
            return;
        };
        let Some(name) = text(&region) else {
            return;
        };
        if !allowed.iter().any(|a| a.eq_ignore_ascii_case(name.trim())) {
            out.report_value(
                &REGION,
                &region,
                format!(
                    "`{name}` is not an allowed region (allowed: {})",
                    allowed.join(", ")
                ),
            );
        }
    }
}

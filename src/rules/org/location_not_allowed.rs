use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Format, Resource, Val};
use crate::policy::org::configured;
use crate::rules::Check;

use super::text;

declare_rule! {
    /// ## What it does
    /// Organisation policy: flags Azure resources (Terraform `azurerm_*`) whose `location` is
    /// not in `allowed_locations` in the `[policy]` section of `.iacguard.toml`. Silent until
    /// that list is configured.
    ///
    /// Locations are compared the way Azure does, ignoring case and spaces (`West Europe` is
    /// `westeurope`). `global` (Front Door, DNS, Traffic Manager) is not a place and is always
    /// allowed; a location that is not known (a variable without a default, another resource's
    /// attribute) is not reported. AWS regions have their own list, `allowed_regions`
    /// (`ORG-001`).
    ///
    /// ## Why is this bad?
    /// Data residency laws and contracts, and the organisation's landing zone (monitoring,
    /// backups, network), cover a few locations only. A resource elsewhere is outside all of
    /// that, and may store personal data where it must not be.
    ///
    /// ## How to fix
    /// Deploy to an allowed location (typically the resource group's), or add the location to
    /// `allowed_locations`.
    ///
    /// ## Example
    /// ```tf,bad
    /// # .iacguard.toml: policy.allowed_locations = ["westeurope", "northeurope"]
    /// resource "azurerm_resource_group" "rg" {
    ///   name     = "platform"
    ///   location = "East US"
    /// }
    /// ```
    /// ```tf,good
    /// # .iacguard.toml: policy.allowed_locations = ["westeurope", "northeurope"]
    /// resource "azurerm_resource_group" "rg" {
    ///   name     = "platform"
    ///   location = "West Europe"
    /// }
    /// ```
    ///
    /// ## References
    /// - [Azure Policy built-in: Allowed locations](https://learn.microsoft.com/azure/governance/policy/samples/built-in-policies#general)
    /// - NIST 800-53 SA-9(5)
    pub LocationNotAllowed {
        id: "ORG-002",
        name: "location-not-allowed",
        severity: Medium,
        refs: ["NIST 800-53 SA-9(5)"],
        fix: "deploy to a location listed in [policy] allowed_locations",
    }
}

const LOCATION: Attr = Attr::uniform("location");

impl Check for LocationNotAllowed {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let allowed: Vec<&str> = configured(&cx.policy.allowed_locations).collect();
        if allowed.is_empty()
            || resource.format != Format::Terraform
            || !resource.type_name.starts_with("azurerm_")
        {
            return;
        }
        let Some(location) = resource
            .body
            .get("location")
            .filter(|node| !node.is_null())
            .map(Val::from_str_node)
        else {
            return;
        };
        let Some(name) = text(&location) else {
            return;
        };
        if name.trim().eq_ignore_ascii_case("global") || cx.policy.location_allowed(name) {
            return;
        }
        out.report_value(
            &LOCATION,
            &location,
            format!(
                "`{name}` is not an allowed location (allowed: {})",
                allowed.join(", ")
            ),
        );
    }
}

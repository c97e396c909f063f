use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::acr::PUBLIC_NETWORK_ACCESS;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Azure container registries reachable from any network: public network access is
    /// on (the default) and no `network_rule_set` denies by default.
    ///
    /// ## Why is this bad?
    /// A registry open to the internet is one leaked token or password away from someone
    /// pulling your images (and the secrets baked into them) or pushing a poisoned one that
    /// every cluster then runs.
    ///
    /// ## How to fix
    /// Set `public_network_access_enabled = false` and reach the registry through a private
    /// endpoint, or keep it public but add `network_rule_set { default_action = "Deny" }`
    /// with the IP ranges that need it (both need the Premium SKU).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "azurerm_container_registry" "acr" {
    ///   name                = "acmeregistry"
    ///   resource_group_name = "rg"
    ///   location            = "westeurope"
    ///   sku                 = "Premium"
    /// }
    /// ```
    /// ```tf,good
    /// resource "azurerm_container_registry" "acr" {
    ///   name                          = "acmeregistry"
    ///   resource_group_name           = "rg"
    ///   location                      = "westeurope"
    ///   sku                           = "Premium"
    ///   public_network_access_enabled = false
    /// }
    /// ```
    ///
    /// ## References
    /// - [Connect privately to an Azure container registry using Private Link](https://learn.microsoft.com/azure/container-registry/container-registry-private-link)
    /// - [Configure public IP network rules](https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks)
    /// - NIST 800-53 SC-7, AC-4
    pub AcrPublicNetworkAccess {
        id: "AZ-ACR-002",
        name: "acr-public-network-access",
        severity: Medium,
        refs: ["NIST 800-53 SC-7", "NIST 800-53 AC-4"],
        fix: "set public_network_access_enabled = false or network_rule_set { default_action = \"Deny\" }",
    }
}

impl Check for AcrPublicNetworkAccess {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::ContainerRegistry(registry) = &resource.kind else {
            return;
        };
        let public = &registry.public_network_access;
        if !public.is_true() {
            return;
        }
        match registry.network_default_action.get() {
            Some(action) if action.eq_ignore_ascii_case("Allow") => {}
            // Deny (restricted to listed ranges), or not known.
            _ => return,
        }
        let message = if public.is_default() {
            "the registry is reachable from any network: `public_network_access_enabled` is not \
             set and defaults to true, and no network rule denies by default"
        } else {
            "the registry is reachable from any network: `public_network_access_enabled` is true \
             and no network rule denies by default"
        };
        out.report_value(&PUBLIC_NETWORK_ACCESS, public, message);
    }
}

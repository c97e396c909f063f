use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::acr::ADMIN_ENABLED;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Azure container registries with the admin user enabled (`admin_enabled = true`).
    ///
    /// ## Why is this bad?
    /// The admin user is one username with two passwords that can push and pull every
    /// repository of the registry. It is shared by whoever needs it, ends up in CI variables
    /// and kubeconfig pull secrets, cannot be scoped and leaves no identity in the logs.
    /// Replacing a poisoned image needs nothing more than this password.
    ///
    /// ## How to fix
    /// Set `admin_enabled = false` (the default) and grant `AcrPull` / `AcrPush` roles to
    /// managed identities (the AKS kubelet identity, CI's workload identity) instead.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "azurerm_container_registry" "acr" {
    ///   name                = "acmeregistry"
    ///   resource_group_name = "rg"
    ///   location            = "westeurope"
    ///   sku                 = "Standard"
    ///   admin_enabled       = true
    /// }
    /// ```
    /// ```tf,good
    /// resource "azurerm_container_registry" "acr" {
    ///   name                = "acmeregistry"
    ///   resource_group_name = "rg"
    ///   location            = "westeurope"
    ///   sku                 = "Standard"
    ///   admin_enabled       = false
    /// }
    /// ```
    ///
    /// ## References
    /// - [Azure Container Registry authentication: admin account](https://learn.microsoft.com/azure/container-registry/container-registry-authentication#admin-account)
    /// - NIST 800-53 AC-2, IA-2
    pub AcrAdminUser {
        id: "AZ-ACR-001",
        name: "acr-admin-user-enabled",
        severity: High,
        refs: ["NIST 800-53 AC-2", "NIST 800-53 IA-2"],
        fix: "set admin_enabled = false and grant AcrPull/AcrPush to managed identities",
    }
}

impl Check for AcrAdminUser {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::ContainerRegistry(registry) = &resource.kind else {
            return;
        };
        if registry.admin_enabled.is_true() {
            out.report_value(
                &ADMIN_ENABLED,
                &registry.admin_enabled,
                "the registry's shared admin user is enabled: its password can push and pull \
                 every repository",
            );
        }
    }
}

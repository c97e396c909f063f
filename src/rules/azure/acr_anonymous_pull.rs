use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::acr::ANONYMOUS_PULL;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Azure container registries that let anyone pull without credentials
    /// (`anonymous_pull_enabled = true`).
    ///
    /// ## Why is this bad?
    /// Every image of the registry becomes public: the code in it, the dependencies an attacker
    /// can look for vulnerabilities in, and any credentials or internal addresses baked into a
    /// layer.
    ///
    /// ## How to fix
    /// Set `anonymous_pull_enabled = false` (the default). Publish public images from a
    /// separate registry that holds nothing else.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "azurerm_container_registry" "acr" {
    ///   name                   = "acmeregistry"
    ///   resource_group_name    = "rg"
    ///   location               = "westeurope"
    ///   sku                    = "Standard"
    ///   anonymous_pull_enabled = true
    /// }
    /// ```
    /// ```tf,good
    /// resource "azurerm_container_registry" "acr" {
    ///   name                = "acmeregistry"
    ///   resource_group_name = "rg"
    ///   location            = "westeurope"
    ///   sku                 = "Standard"
    /// }
    /// ```
    ///
    /// ## References
    /// - [Make your container registry content publicly available](https://learn.microsoft.com/azure/container-registry/anonymous-pull-access)
    /// - NIST 800-53 AC-3, AC-14
    pub AcrAnonymousPull {
        id: "AZ-ACR-003",
        name: "acr-anonymous-pull",
        severity: High,
        refs: ["NIST 800-53 AC-3", "NIST 800-53 AC-14"],
        fix: "set anonymous_pull_enabled = false",
    }
}

impl Check for AcrAnonymousPull {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::ContainerRegistry(registry) = &resource.kind else {
            return;
        };
        if registry.anonymous_pull.is_true() {
            out.report_value(
                &ANONYMOUS_PULL,
                &registry.anonymous_pull,
                "anyone can pull this registry's images without credentials",
            );
        }
    }
}

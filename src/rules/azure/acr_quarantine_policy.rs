use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::acr::QUARANTINE;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Premium Azure container registries that neither quarantine new images
    /// (`quarantine_policy_enabled`) nor require signed ones (content trust: `trust_policy_enabled`
    /// in azurerm 4.x, `trust_policy { enabled = true }` in 3.x). Informational: both exist on
    /// the Premium SKU only, so other SKUs are not reported.
    ///
    /// ## Why is this bad?
    /// Without a gate, an image is pullable the moment it is pushed: before a vulnerability
    /// scanner has looked at it, and whether or not your pipeline built it. Quarantine holds new
    /// images until a scanner releases them; content trust only lets signed images be pulled.
    ///
    /// ## How to fix
    /// Set `quarantine_policy_enabled = true` and release images from your scanning pipeline.
    /// Docker Content Trust is being retired by Azure in favour of Notary Project signatures
    /// verified at admission (Ratify with Azure Policy), which also satisfy this rule's intent;
    /// suppress it with a reason where that is your gate.
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
    ///   name                      = "acmeregistry"
    ///   resource_group_name       = "rg"
    ///   location                  = "westeurope"
    ///   sku                       = "Premium"
    ///   quarantine_policy_enabled = true
    /// }
    /// ```
    ///
    /// ## References
    /// - [Content trust in Azure Container Registry](https://learn.microsoft.com/azure/container-registry/container-registry-content-trust)
    /// - [Quarantine pattern](https://github.com/Azure/acr/tree/main/docs/preview/quarantine)
    /// - NIST 800-53 SI-7, CM-14
    pub AcrQuarantinePolicy {
        id: "AZ-ACR-004",
        name: "acr-no-image-quarantine",
        severity: Low,
        refs: ["NIST 800-53 SI-7", "NIST 800-53 CM-14"],
        fix: "set quarantine_policy_enabled = true (Premium SKU)",
    }
}

impl Check for AcrQuarantinePolicy {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::ContainerRegistry(registry) = &resource.kind else {
            return;
        };
        let premium = registry
            .sku
            .as_ref()
            .and_then(|sku| sku.get())
            .is_some_and(|sku| sku.eq_ignore_ascii_case("Premium"));
        if premium && registry.quarantine.is_false() && registry.trust_policy.is_false() {
            out.report_value(
                &QUARANTINE,
                &registry.quarantine,
                "new images are pullable at once: neither quarantine nor content trust is on",
            );
        }
    }
}

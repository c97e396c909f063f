use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::aks::SECRET_ROTATION;
use crate::model::{Kind, Resource};
use crate::rules::Check;

use super::stated;

declare_rule! {
    /// ## What it does
    /// Flags AKS clusters without the Key Vault secrets provider (the Secrets Store CSI
    /// driver add-on), or with it but without secret rotation.
    ///
    /// ## Why is this bad?
    /// Without the provider, application secrets end up as Kubernetes `Secret` objects (only
    /// base64-encoded, readable by anyone who may read secrets in the namespace) or in
    /// pipelines. With the provider but no rotation, a secret rotated in Key Vault after a leak
    /// stays mounted in its old form until every pod is restarted.
    ///
    /// ## How to fix
    /// Add `key_vault_secrets_provider { secret_rotation_enabled = true }` (the default poll
    /// interval, `secret_rotation_interval`, is 2 minutes) and mount secrets from Key Vault
    /// with `SecretProviderClass` objects.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "azurerm_kubernetes_cluster" "main" {
    ///   name                = "main"
    ///   location            = "westeurope"
    ///   resource_group_name = "rg"
    ///   dns_prefix          = "main"
    ///   key_vault_secrets_provider {
    ///     secret_rotation_enabled = false
    ///   }
    ///   default_node_pool {
    ///     name    = "system"
    ///     vm_size = "Standard_D4s_v5"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "azurerm_kubernetes_cluster" "main" {
    ///   name                = "main"
    ///   location            = "westeurope"
    ///   resource_group_name = "rg"
    ///   dns_prefix          = "main"
    ///   key_vault_secrets_provider {
    ///     secret_rotation_enabled = true
    ///   }
    ///   default_node_pool {
    ///     name    = "system"
    ///     vm_size = "Standard_D4s_v5"
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Use the Azure Key Vault provider for Secrets Store CSI Driver in AKS](https://learn.microsoft.com/azure/aks/csi-secrets-store-driver)
    /// - [Autorotation of secrets](https://learn.microsoft.com/azure/aks/csi-secrets-store-configuration-options#enable-and-disable-auto-rotation)
    /// - NIST 800-53 SC-28, IA-5(1)
    pub AksSecretsRotationDisabled {
        id: "AZ-AKS-008",
        name: "aks-secrets-rotation-disabled",
        severity: Low,
        refs: ["NIST 800-53 SC-28", "NIST 800-53 IA-5(1)"],
        fix: "add key_vault_secrets_provider { secret_rotation_enabled = true }",
    }
}

impl Check for AksSecretsRotationDisabled {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::AksCluster(cluster) = &resource.kind else {
            return;
        };
        let provider = &cluster.secrets_provider;
        if provider.enabled.is_false() {
            out.report_missing(
                &SECRET_ROTATION,
                "the Key Vault secrets provider is off: there is no `key_vault_secrets_provider` \
                 block",
            );
        } else if provider.enabled.is_true() && provider.rotation.is_false() {
            out.report_value(
                &SECRET_ROTATION,
                &provider.rotation,
                format!(
                    "mounted Key Vault secrets are not rotated: {}",
                    stated("secret_rotation_enabled", &provider.rotation)
                ),
            );
        }
    }
}

//! Rules for Microsoft Azure resources (Terraform `azurerm_*`): AKS clusters and node pools,
//! Azure Container Registry and Key Vault.

pub mod acr_admin_user;
pub mod acr_anonymous_pull;
pub mod acr_public_network_access;
pub mod acr_quarantine_policy;
pub mod aks_api_server_unrestricted;
pub mod aks_audit_logs_not_exported;
pub mod aks_azure_policy_disabled;
pub mod aks_azure_rbac_disabled;
pub mod aks_container_insights_disabled;
pub mod aks_disk_encryption_set_missing;
pub mod aks_host_encryption_disabled;
pub mod aks_local_accounts_enabled;
pub mod aks_network_policy_missing;
pub mod aks_node_public_ip;
pub mod aks_secrets_rotation_disabled;
pub mod key_vault_network_acl_allow;
pub mod key_vault_purge_protection;
pub mod key_vault_soft_delete_retention;

use crate::model::Val;

/// How a boolean setting got its value, for messages: "`x` is false" or "`x` is not set and
/// defaults to false".
pub(crate) fn stated(name: &str, value: &Val<bool>) -> String {
    let shown = value.get().copied().unwrap_or_default();
    if value.is_default() {
        format!("`{name}` is not set and defaults to {shown}")
    } else {
        format!("`{name}` is {shown}")
    }
}

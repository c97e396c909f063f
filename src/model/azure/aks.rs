//! Azure Kubernetes Service clusters (`azurerm_kubernetes_cluster`) and their node pools
//! (`default_node_pool`, `azurerm_kubernetes_cluster_node_pool`).
//!
//! A setting that lives in a nested block a `dynamic` block may generate is unknown, not
//! defaulted, when the block is not written out: modules (such as Azure's own AKS module)
//! build `azure_active_directory_role_based_access_control`, `oms_agent` and friends that way.

use crate::model::{Attr, Val};
use crate::source::Span;

#[derive(Debug)]
pub struct Cluster {
    /// Whether the API server has only a private endpoint (default: no).
    pub private_cluster: Val<bool>,
    /// Ranges allowed to reach the public API server (default: none, so anyone can).
    pub authorized_ip_ranges: Val<Vec<Val<String>>>,
    /// The `azure_active_directory_role_based_access_control` block, when written.
    pub azure_ad: Option<Span>,
    /// Whether Azure RBAC authorizes Kubernetes API calls (default: no).
    pub azure_rbac: Val<bool>,
    /// Whether the static admin kubeconfig (`--admin`) is disabled (default: no).
    pub local_account_disabled: Val<bool>,
    /// `network_profile.network_policy`: `azure`, `calico` or `cilium`; `None` when not set.
    pub network_policy: Option<Val<String>>,
    /// `network_profile.network_data_plane` (3.x `ebpf_data_plane`): Cilium enforces policies.
    pub network_data_plane: Option<Val<String>>,
    /// `network_profile.network_plugin`: `azure`, `kubenet`, or `none` when you bring your own
    /// CNI (which may enforce policies itself).
    pub network_plugin: Option<Val<String>>,
    /// The `network_profile` block, or the header when absent: where a missing policy is shown.
    pub network_profile: Span,
    /// Whether the Azure Policy add-on is on (default: no).
    pub azure_policy: Val<bool>,
    /// Whether there is an `oms_agent` block (Container insights), spanned at it (default: no).
    pub oms_agent: Val<bool>,
    /// The Key Vault secrets provider (the Secrets Store CSI driver add-on).
    pub secrets_provider: SecretsProvider,
    /// The default node pool, when written (it is required by the provider).
    pub default_node_pool: Option<NodePool>,
    /// The disk encryption set (customer-managed key) for OS and data disks, when given.
    pub disk_encryption_set_id: Option<Val<String>>,
}

#[derive(Debug)]
pub struct SecretsProvider {
    /// Whether there is a `key_vault_secrets_provider` block (default: no).
    pub enabled: Val<bool>,
    /// Whether mounted secrets follow rotations in Key Vault (default: no).
    pub rotation: Val<bool>,
}

/// A node pool: the cluster's `default_node_pool` or an `azurerm_kubernetes_cluster_node_pool`.
#[derive(Debug)]
pub struct NodePool {
    /// The `default_node_pool` block, or the resource header.
    pub span: Span,
    /// Whether each node gets its own public IP address (default: no).
    pub public_ip: Val<bool>,
    /// Whether temporary disks and caches are encrypted on the VM host (default: no).
    pub host_encryption: Val<bool>,
}

pub const AUTHORIZED_IP_RANGES: Attr =
    Attr::uniform("api_server_access_profile.authorized_ip_ranges");
pub const PRIVATE_CLUSTER: Attr = Attr::uniform("private_cluster_enabled");
pub const AZURE_RBAC: Attr =
    Attr::uniform("azure_active_directory_role_based_access_control.azure_rbac_enabled");
pub const LOCAL_ACCOUNT_DISABLED: Attr = Attr::uniform("local_account_disabled");
pub const NETWORK_POLICY: Attr = Attr::uniform("network_profile.network_policy");
pub const AZURE_POLICY: Attr = Attr::uniform("azure_policy_enabled");
pub const OMS_AGENT: Attr = Attr::uniform("oms_agent");
pub const DIAGNOSTIC_SETTING: Attr = Attr::uniform("azurerm_monitor_diagnostic_setting");
pub const SECRET_ROTATION: Attr =
    Attr::uniform("key_vault_secrets_provider.secret_rotation_enabled");
pub const NODE_PUBLIC_IP: Attr = Attr::uniform("node_public_ip_enabled");
pub const HOST_ENCRYPTION: Attr = Attr::uniform("host_encryption_enabled");
pub const DISK_ENCRYPTION_SET: Attr = Attr::uniform("disk_encryption_set_id");

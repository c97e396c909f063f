use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::aks::AUTHORIZED_IP_RANGES;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags AKS clusters whose Kubernetes API server is public and accepts connections from
    /// any address: not a private cluster, and no authorized IP ranges (or `0.0.0.0/0` among
    /// them).
    ///
    /// ## Why is this bad?
    /// An AKS API server is reachable from the internet unless the cluster is private or the
    /// server only accepts listed ranges. Anyone can then probe it, try stolen kubeconfigs and
    /// tokens, and exploit API server vulnerabilities as soon as they are published.
    ///
    /// ## How to fix
    /// Create a private cluster (`private_cluster_enabled = true`), or list the networks that
    /// administer it in `api_server_access_profile { authorized_ip_ranges = [...] }` (azurerm
    /// 3.x also accepted the top-level `api_server_authorized_ip_ranges`, removed in 4.0).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "azurerm_kubernetes_cluster" "main" {
    ///   name                = "main"
    ///   location            = "westeurope"
    ///   resource_group_name = "rg"
    ///   dns_prefix          = "main"
    ///   default_node_pool {
    ///     name       = "system"
    ///     vm_size    = "Standard_D4s_v5"
    ///     node_count = 3
    ///   }
    ///   identity { type = "SystemAssigned" }
    /// }
    /// ```
    /// ```tf,good
    /// resource "azurerm_kubernetes_cluster" "main" {
    ///   name                = "main"
    ///   location            = "westeurope"
    ///   resource_group_name = "rg"
    ///   dns_prefix          = "main"
    ///   api_server_access_profile {
    ///     authorized_ip_ranges = ["203.0.113.0/24"]
    ///   }
    ///   default_node_pool {
    ///     name       = "system"
    ///     vm_size    = "Standard_D4s_v5"
    ///     node_count = 3
    ///   }
    ///   identity { type = "SystemAssigned" }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Secure access to the API server using authorized IP address ranges in AKS](https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges)
    /// - [Create a private AKS cluster](https://learn.microsoft.com/azure/aks/private-clusters)
    /// - CIS Azure Kubernetes Service Benchmark 5.4.1, 5.4.2; NIST 800-53 SC-7
    pub AksApiServerUnrestricted {
        id: "AZ-AKS-001",
        name: "aks-api-server-unrestricted",
        severity: High,
        refs: ["CIS AKS 5.4.1", "CIS AKS 5.4.2", "NIST 800-53 SC-7"],
        fix: "set private_cluster_enabled = true or list api_server_access_profile.authorized_ip_ranges",
    }
}

impl Check for AksApiServerUnrestricted {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::AksCluster(cluster) = &resource.kind else {
            return;
        };
        if cluster.private_cluster.get() != Some(&false) {
            // Private, or not known: nothing to say.
            return;
        }
        let ranges = &cluster.authorized_ip_ranges;
        let Some(list) = ranges.get() else {
            return;
        };
        if list.is_empty() {
            let message = if ranges.is_default() {
                "the AKS API server is public and accepts any address: neither \
                 `private_cluster_enabled` nor `api_server_access_profile.authorized_ip_ranges` is set"
            } else {
                "the AKS API server is public and accepts any address: the authorized IP ranges are empty"
            };
            out.report_value(&AUTHORIZED_IP_RANGES, ranges, message);
            return;
        }
        for range in list {
            // `0.0.0.0/32` is AKS's way of allowing only the cluster's own egress: not open.
            if range.get().map(String::as_str) == Some("0.0.0.0/0") {
                let text = range.get().cloned().unwrap_or_default();
                out.report_value(
                    &AUTHORIZED_IP_RANGES,
                    range,
                    format!("the AKS API server accepts `{text}`, that is, any address"),
                );
            }
        }
    }
}

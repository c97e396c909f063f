use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::aks::NETWORK_POLICY;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags AKS clusters without a network policy engine: `network_profile.network_policy`
    /// is not `azure`, `calico` or `cilium`, and the data plane is not Cilium (which enforces
    /// policies itself). A cluster that brings its own CNI (`network_plugin = "none"`) is not
    /// judged: that CNI may enforce policies.
    ///
    /// ## Why is this bad?
    /// Without an engine, Kubernetes `NetworkPolicy` objects are accepted and silently ignored:
    /// every pod can reach every other pod, so one compromised workload can talk to databases,
    /// the metadata endpoint of other tenants' pods and internal admin services. The engine
    /// can only be chosen when the cluster is created (or by migrating it).
    ///
    /// ## How to fix
    /// Set `network_profile { network_plugin = "azure", network_policy = "azure" }` (or
    /// `"calico"`, or `network_data_plane = "cilium"` with `network_policy = "cilium"`), then
    /// write NetworkPolicies for each namespace (see `K8S-NET-001`).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "azurerm_kubernetes_cluster" "main" {
    ///   name                = "main"
    ///   location            = "westeurope"
    ///   resource_group_name = "rg"
    ///   dns_prefix          = "main"
    ///   network_profile {
    ///     network_plugin = "azure"
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
    ///   network_profile {
    ///     network_plugin = "azure"
    ///     network_policy = "calico"
    ///   }
    ///   default_node_pool {
    ///     name    = "system"
    ///     vm_size = "Standard_D4s_v5"
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Secure traffic between pods using network policies in AKS](https://learn.microsoft.com/azure/aks/use-network-policies)
    /// - CIS Azure Kubernetes Service Benchmark 5.4.4; NIST 800-53 SC-7, AC-4
    pub AksNetworkPolicyMissing {
        id: "AZ-AKS-004",
        name: "aks-network-policy-missing",
        severity: Medium,
        refs: ["CIS AKS 5.4.4", "NIST 800-53 SC-7", "NIST 800-53 AC-4"],
        fix: "set network_profile.network_policy to \"azure\", \"calico\" or \"cilium\"",
    }
}

impl Check for AksNetworkPolicyMissing {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::AksCluster(cluster) = &resource.kind else {
            return;
        };
        if let Some(policy) = &cluster.network_policy {
            let Some(text) = policy.get() else {
                return;
            };
            if text.trim().is_empty() || text.eq_ignore_ascii_case("none") {
                out.report_value(
                    &NETWORK_POLICY,
                    policy,
                    format!("`network_policy` is `{text}`: NetworkPolicies are not enforced"),
                );
            }
            return;
        }
        match cluster.network_data_plane.as_ref().map(|plane| plane.get()) {
            // Cilium enforces policies itself; an unknown data plane may be Cilium.
            Some(Some(plane)) if plane.eq_ignore_ascii_case("cilium") => return,
            Some(None) => return,
            _ => {}
        }
        match cluster.network_plugin.as_ref().map(|plugin| plugin.get()) {
            // Your own CNI (`none`) may well enforce policies; an unknown plugin may be `none`.
            Some(Some(plugin)) if plugin.eq_ignore_ascii_case("none") => return,
            Some(None) => return,
            _ => {}
        }
        out.report_at(
            cluster.network_profile,
            NETWORK_POLICY.id,
            "the cluster has no network policy engine: `network_profile.network_policy` is not \
             set, so NetworkPolicies are not enforced",
        );
    }
}

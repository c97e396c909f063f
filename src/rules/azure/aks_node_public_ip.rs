use crate::check::Context;
use crate::finding::Reporter;
use crate::model::azure::aks::{NodePool, NODE_PUBLIC_IP};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags AKS node pools (`default_node_pool` and `azurerm_kubernetes_cluster_node_pool`)
    /// whose nodes get public IP addresses: `node_public_ip_enabled = true` (azurerm 3.x:
    /// `enable_node_public_ip`).
    ///
    /// ## Why is this bad?
    /// A node with a public IP is reachable from the internet on every port its network
    /// security group lets through: the kubelet, NodePorts, SSH. Nodes belong in private
    /// subnets; traffic comes in through load balancers and ingress, and goes out through a
    /// NAT gateway or the cluster's outbound load balancer.
    ///
    /// ## How to fix
    /// Remove `node_public_ip_enabled` (the default is false) and expose services through a
    /// load balancer or ingress instead.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "azurerm_kubernetes_cluster_node_pool" "workers" {
    ///   name                   = "workers"
    ///   kubernetes_cluster_id  = azurerm_kubernetes_cluster.main.id
    ///   vm_size                = "Standard_D4s_v5"
    ///   node_public_ip_enabled = true
    /// }
    /// ```
    /// ```tf,good
    /// resource "azurerm_kubernetes_cluster_node_pool" "workers" {
    ///   name                  = "workers"
    ///   kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
    ///   vm_size               = "Standard_D4s_v5"
    /// }
    /// ```
    ///
    /// ## References
    /// - [Assign a public IP per node in AKS](https://learn.microsoft.com/azure/aks/use-node-public-ips)
    /// - CIS Azure Kubernetes Service Benchmark 5.4.3; NIST 800-53 SC-7
    pub AksNodePublicIp {
        id: "AZ-AKS-009",
        name: "aks-node-public-ip",
        severity: High,
        refs: ["CIS AKS 5.4.3", "NIST 800-53 SC-7"],
        fix: "remove node_public_ip_enabled (default false) from the node pool",
    }
}

impl Check for AksNodePublicIp {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let pool: &NodePool = match &resource.kind {
            Kind::AksCluster(cluster) => match &cluster.default_node_pool {
                Some(pool) => pool,
                None => return,
            },
            Kind::AksNodePool(pool) => pool,
            _ => return,
        };
        if pool.public_ip.is_true() {
            out.report_value(
                &NODE_PUBLIC_IP,
                &pool.public_ip,
                "every node of this pool gets a public IP address",
            );
        }
    }
}

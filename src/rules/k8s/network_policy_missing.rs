use crate::check::Context;
use crate::finding::{Related, Reporter};
use crate::model::k8s::inventory::{describe, NETWORK_POLICY, SYSTEM_NAMESPACES};
use crate::model::Resource;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags application namespaces that run workloads but have no NetworkPolicy in any of the
    /// scanned manifests. The whole scan counts: a namespace defined in `namespaces.yaml`, its
    /// Deployments in `web/` and its policies in `netpol/` are one namespace. The finding points
    /// at the `Namespace` object, or, when no manifest defines the namespace, at its first
    /// workload.
    ///
    /// ## Why is this bad?
    /// Kubernetes lets every pod talk to every other pod in the cluster until a NetworkPolicy
    /// selects it. One compromised pod can then reach every database, cache and internal API of
    /// every other application, and the cloud metadata endpoint. A default-deny policy per
    /// namespace, opened up by explicit allow rules, contains that.
    ///
    /// `kube-system`, `kube-public` and `kube-node-lease` are not checked. A cluster-wide policy
    /// in the scan (Calico `GlobalNetworkPolicy`, `CiliumClusterwideNetworkPolicy`) counts for
    /// every namespace; Cilium's namespaced `CiliumNetworkPolicy` counts like a NetworkPolicy.
    /// Policies only take effect with a network plugin that enforces them (on EKS, the VPC CNI's
    /// network policy agent, Calico or Cilium).
    ///
    /// ## How to fix
    /// Add a default-deny NetworkPolicy to the namespace (an empty `podSelector` with
    /// `policyTypes: [Ingress, Egress]`) and policies that allow the traffic each workload
    /// needs.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: v1
    /// kind: Namespace
    /// metadata:
    ///   name: shop
    /// ---
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: registry.example.com/web:1.4.2
    /// ```
    /// ```k8s,good
    /// apiVersion: v1
    /// kind: Namespace
    /// metadata:
    ///   name: shop
    /// ---
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: registry.example.com/web:1.4.2
    /// ---
    /// apiVersion: networking.k8s.io/v1
    /// kind: NetworkPolicy
    /// metadata:
    ///   name: default-deny
    ///   namespace: shop
    /// spec:
    ///   podSelector: {}
    ///   policyTypes: [Ingress, Egress]
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_namespace_v1" "shop" {
    ///   metadata {
    ///     name = "shop"
    ///   }
    /// }
    ///
    /// resource "kubernetes_deployment_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         container {
    ///           name  = "web"
    ///           image = "registry.example.com/web:1.4.2"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_namespace_v1" "shop" {
    ///   metadata {
    ///     name = "shop"
    ///   }
    /// }
    ///
    /// resource "kubernetes_deployment_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         container {
    ///           name  = "web"
    ///           image = "registry.example.com/web:1.4.2"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    ///
    /// resource "kubernetes_network_policy_v1" "default_deny" {
    ///   metadata {
    ///     name      = "default-deny"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     pod_selector {}
    ///     policy_types = ["Ingress", "Egress"]
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Kubernetes: network policies](https://kubernetes.io/docs/concepts/services-networking/network-policies/)
    /// - [Amazon EKS best practices: network policies](https://aws.github.io/aws-eks-best-practices/security/docs/network/)
    /// - CIS Kubernetes Benchmark 5.3.2; CIS Amazon EKS Benchmark 4.3.2 (EKS hardening profile:
    ///   "Ensure that application Namespaces have Network Policies defined"); NIST 800-53 SC-7, AC-4
    pub NetworkPolicyMissing {
        id: "K8S-NET-001",
        name: "namespace-without-network-policy",
        severity: High,
        refs: ["CIS Kubernetes 5.3.2", "CIS EKS 4.3.2", "NIST 800-53 SC-7", "NIST 800-53 AC-4"],
        fix: "add a default-deny NetworkPolicy to the namespace, then allow the traffic each workload needs",
    }
}

impl Check for NetworkPolicyMissing {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Some(namespace) = cx.cluster.namespace_represented_by(resource) else {
            return;
        };
        let name = namespace.name.as_str();
        if SYSTEM_NAMESPACES.contains(&name)
            || namespace.workloads.is_empty()
            || cx.cluster.has_network_policy(name)
        {
            return;
        }
        let count = namespace.workloads.len();
        let message = format!(
            "namespace `{name}` runs {count} workload{} but no scanned manifest defines a \
             NetworkPolicy for it: its pods accept traffic from anywhere in the cluster",
            if count == 1 { "" } else { "s" }
        );
        // Where the namespace is defined, its workloads (elsewhere, maybe in other files)
        // explain the finding.
        let related = match namespace.object {
            Some(_) => namespace
                .workloads
                .iter()
                .take(3)
                .map(|workload| Related {
                    span: workload.header,
                    message: format!("{} runs in namespace `{name}`", describe(workload)),
                })
                .collect(),
            None => Vec::new(),
        };
        out.report_with_related(resource.header, &NETWORK_POLICY, message, related);
    }
}

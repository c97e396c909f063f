use crate::check::Context;
use crate::finding::{Related, Reporter};
use crate::model::k8s::inventory::{describe, pod_identity, SERVICE_ACCOUNT};
use crate::model::Resource;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags workloads whose service account is bound to the `cluster-admin` ClusterRole by a
    /// ClusterRoleBinding or RoleBinding anywhere in the scan, by name or through the
    /// `system:serviceaccounts` groups. The binding is shown as a related location.
    ///
    /// ## Why is this bad?
    /// `cluster-admin` can do anything to any object. The workload's token, mounted in its pods,
    /// then hands full control of the cluster (every Secret, every node through a privileged
    /// pod) to anyone who gets code execution in one of its containers. Through a RoleBinding
    /// it is still full control of the namespace, Secrets included.
    ///
    /// ## How to fix
    /// Bind the service account to a Role that lists only the resources and verbs the workload
    /// uses, in its own namespace; keep `cluster-admin` for break-glass human access.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: deployer
    ///   namespace: ci
    /// spec:
    ///   template:
    ///     spec:
    ///       serviceAccountName: deployer
    ///       containers:
    ///         - name: deployer
    ///           image: registry.example.com/deployer:2.0.1
    /// ---
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRoleBinding
    /// metadata:
    ///   name: deployer-admin
    /// roleRef:
    ///   apiGroup: rbac.authorization.k8s.io
    ///   kind: ClusterRole
    ///   name: cluster-admin
    /// subjects:
    ///   - kind: ServiceAccount
    ///     name: deployer
    ///     namespace: ci
    /// ```
    /// ```k8s,good
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: deployer
    ///   namespace: ci
    /// spec:
    ///   template:
    ///     spec:
    ///       serviceAccountName: deployer
    ///       containers:
    ///         - name: deployer
    ///           image: registry.example.com/deployer:2.0.1
    /// ---
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: RoleBinding
    /// metadata:
    ///   name: deployer
    ///   namespace: shop
    /// roleRef:
    ///   apiGroup: rbac.authorization.k8s.io
    ///   kind: Role
    ///   name: deploy-shop
    /// subjects:
    ///   - kind: ServiceAccount
    ///     name: deployer
    ///     namespace: ci
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_deployment_v1" "deployer" {
    ///   metadata {
    ///     name      = "deployer"
    ///     namespace = "ci"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         service_account_name = "deployer"
    ///         container {
    ///           name  = "deployer"
    ///           image = "registry.example.com/deployer:2.0.1"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    ///
    /// resource "kubernetes_cluster_role_binding_v1" "deployer_admin" {
    ///   metadata {
    ///     name = "deployer-admin"
    ///   }
    ///   role_ref {
    ///     api_group = "rbac.authorization.k8s.io"
    ///     kind      = "ClusterRole"
    ///     name      = "cluster-admin"
    ///   }
    ///   subject {
    ///     kind      = "ServiceAccount"
    ///     name      = "deployer"
    ///     namespace = "ci"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_deployment_v1" "deployer" {
    ///   metadata {
    ///     name      = "deployer"
    ///     namespace = "ci"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         service_account_name = "deployer"
    ///         container {
    ///           name  = "deployer"
    ///           image = "registry.example.com/deployer:2.0.1"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    ///
    /// resource "kubernetes_role_binding_v1" "deployer" {
    ///   metadata {
    ///     name      = "deployer"
    ///     namespace = "shop"
    ///   }
    ///   role_ref {
    ///     api_group = "rbac.authorization.k8s.io"
    ///     kind      = "Role"
    ///     name      = "deploy-shop"
    ///   }
    ///   subject {
    ///     kind      = "ServiceAccount"
    ///     name      = "deployer"
    ///     namespace = "ci"
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Kubernetes: RBAC user-facing roles](https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles)
    /// - CIS Kubernetes Benchmark 5.1.1; CIS Amazon EKS Benchmark 4.1.1; NIST 800-53 AC-6(5)
    pub ServiceAccountClusterAdmin {
        id: "K8S-SA-003",
        name: "service-account-bound-to-cluster-admin",
        severity: Critical,
        refs: ["CIS Kubernetes 5.1.1", "CIS EKS 4.1.1", "NIST 800-53 AC-6(5)"],
        fix: "bind the workload's service account to a Role with only the permissions it needs",
    }
}

impl Check for ServiceAccountClusterAdmin {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Some(identity) = pod_identity(resource) else {
            return;
        };
        let (Some(namespace), Some(name)) =
            (identity.namespace.get(), identity.service_account.get())
        else {
            return;
        };
        let related: Vec<Related> = cx
            .cluster
            .bindings_of_service_account(namespace, name)
            .filter(|binding| {
                binding.role_kind == "ClusterRole" && binding.role_name == "cluster-admin"
            })
            .map(|binding| Related {
                span: binding.role_span,
                message: match &binding.namespace {
                    None => format!(
                        "{} grants `cluster-admin` across the cluster",
                        describe(binding.resource)
                    ),
                    Some(scope) => format!(
                        "{} grants `cluster-admin` in namespace `{scope}`",
                        describe(binding.resource)
                    ),
                },
            })
            .collect();
        if related.is_empty() {
            return;
        }
        let span = identity.service_account.span();
        out.report_with_related(
            span,
            &SERVICE_ACCOUNT,
            format!(
                "{} runs as service account `{name}`, which is bound to `cluster-admin`",
                describe(resource)
            ),
            related,
        );
    }
}

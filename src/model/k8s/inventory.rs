//! The cluster view: what every manifest of a scan says about namespaces, workloads, service
//! accounts, network policies and role bindings, taken together.
//!
//! Kubernetes security often depends on another file: a Deployment in `shop/deploy.yaml` is
//! only isolated if some NetworkPolicy in `shop/netpol.yaml` selects its namespace, and its
//! service account is only harmless if no binding in `rbac/` grants it `cluster-admin`. The
//! inventory is built once per scan from every resource (manifests, and Terraform `kubernetes_*`
//! resources, which arrive manifest-shaped) so that rules can ask those questions.
//!
//! Conventions, as the API server applies them: an object without a namespace is in
//! `default`; a namespace that workloads use but no manifest defines still counts as a
//! namespace; a namespace that cannot be known (a kustomize base built into several namespaces)
//! is left out of every answer rather than guessed.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Kind, Resource, Val};
use crate::parse::Node;
use crate::source::{FileId, Span};

/// Namespaces every cluster has, run by the platform rather than by applications.
pub const SYSTEM_NAMESPACES: [&str; 3] = ["kube-system", "kube-public", "kube-node-lease"];

/// The Pod Security Admission label that makes the API server reject violating pods.
pub const ENFORCE_LABEL: &str = "pod-security.kubernetes.io/enforce";

#[derive(Debug, Default)]
pub struct Inventory<'a> {
    namespaces: BTreeMap<String, Namespace<'a>>,
    service_accounts: BTreeMap<(String, String), ServiceAccount<'a>>,
    bindings: Vec<Binding<'a>>,
    /// A network policy that may select any namespace is in the scan: a cluster-wide policy
    /// (Calico `GlobalNetworkPolicy`, `CiliumClusterwideNetworkPolicy`) or one whose namespace
    /// cannot be known.
    cluster_wide_network_policy: bool,
    /// The Pod Security Admission level enforced on namespaces without a label, when the scan
    /// holds the API server's `PodSecurity` admission configuration.
    pod_security_default: Option<PodSecurityDefault>,
    /// Static pods of control-plane components (file, address): the kubelet runs them without
    /// a service account.
    static_pods: BTreeSet<(FileId, String)>,
}

/// One namespace, defined by a `Namespace` object or only used by objects.
#[derive(Debug)]
pub struct Namespace<'a> {
    pub name: String,
    /// The `Namespace` object, when the scan defines it (the first one, if several do).
    pub object: Option<&'a Resource>,
    /// Workloads in the namespace, in scan order.
    pub workloads: Vec<&'a Resource>,
    /// Network policies in the namespace.
    pub network_policies: Vec<&'a Resource>,
}

#[derive(Debug)]
pub struct ServiceAccount<'a> {
    pub resource: &'a Resource,
    /// `automountServiceAccountToken`, when set.
    pub automount: Option<Val<bool>>,
}

/// A `RoleBinding` or `ClusterRoleBinding`.
#[derive(Debug)]
pub struct Binding<'a> {
    pub resource: &'a Resource,
    /// The namespace of a `RoleBinding`; `None` for a `ClusterRoleBinding`.
    pub namespace: Option<String>,
    /// `Role` or `ClusterRole`.
    pub role_kind: String,
    pub role_name: String,
    /// The `roleRef` name, where a finding about what the binding grants points.
    pub role_span: Span,
    pub subjects: Vec<Subject>,
}

#[derive(Debug)]
pub struct Subject {
    /// `ServiceAccount`, `User` or `Group`.
    pub kind: String,
    pub name: String,
    pub namespace: Option<String>,
}

#[derive(Debug)]
struct PodSecurityDefault {
    level: String,
    exempt_namespaces: Vec<String>,
}

/// Who a workload's pods are to the API server.
#[derive(Debug)]
pub struct PodIdentity {
    /// `metadata.namespace`, or `default` (a default, located at the header) when absent.
    pub namespace: Val<String>,
    /// `serviceAccountName` (or the deprecated `serviceAccount`), or `default`, located at the
    /// header, when absent.
    pub service_account: Val<String>,
    /// The pod's `automountServiceAccountToken`, when set.
    pub automount: Option<Val<bool>>,
}

/// The identity of a workload's pods; `None` for other resources.
pub fn pod_identity(resource: &Resource) -> Option<PodIdentity> {
    let Kind::Workload(workload) = &resource.kind else {
        return None;
    };
    let namespace = workload
        .namespace
        .clone()
        .unwrap_or_else(|| Val::default("default".to_string(), resource.header));
    let spec = resource
        .kubernetes_object()
        .and_then(|object| pod_spec(object, &workload.kind));
    let account = ["serviceAccountName", "serviceAccount"]
        .iter()
        .find_map(|key| spec.and_then(|s| s.get(key)).filter(|n| !n.is_null()));
    Some(PodIdentity {
        namespace,
        service_account: account.map_or_else(
            || Val::default("default".to_string(), resource.header),
            Val::from_str_node,
        ),
        automount: spec
            .and_then(|s| s.get("automountServiceAccountToken"))
            .filter(|n| !n.is_null())
            .map(Val::from_bool_node),
    })
}

/// Where each workload kind keeps its pod spec (the same places the workload adapter reads).
fn pod_spec<'n>(body: &'n Node, kind: &str) -> Option<&'n Node> {
    let path: &[&str] = match kind {
        "Pod" => &["spec"],
        "PodTemplate" => &["template", "spec"],
        "CronJob" => &["spec", "jobTemplate", "spec", "template", "spec"],
        _ => &["spec", "template", "spec"],
    };
    body.path(path)
}

/// How messages name an object: ``Deployment `web` ``.
pub fn describe(resource: &Resource) -> String {
    let name = metadata_str(resource, "name")
        .and_then(Node::as_str)
        .unwrap_or("<unnamed>");
    format!("{} `{name}`", kind_of(resource))
}

/// The object's kind: what the manifest says, or the kind its list implied.
fn kind_of(resource: &Resource) -> &str {
    resource
        .kubernetes_object()
        .and_then(|object| object.get("kind"))
        .and_then(Node::as_str)
        .unwrap_or(&resource.type_name)
}

fn metadata_str<'n>(resource: &'n Resource, key: &str) -> Option<&'n Node> {
    resource
        .kubernetes_object()?
        .path(&["metadata", key])
        .filter(|node| !node.is_null())
}

/// The namespace of a namespaced object: `Some(Ok(name))`, `Some(Err(()))` when it cannot be
/// known.
fn object_namespace(resource: &Resource) -> Result<String, ()> {
    match metadata_str(resource, "namespace") {
        None => Ok("default".to_string()),
        Some(node) => node
            .as_str()
            .filter(|name| !name.is_empty())
            .map(str::to_string)
            .ok_or(()),
    }
}

impl<'a> Inventory<'a> {
    pub fn new(resources: &'a [Resource]) -> Inventory<'a> {
        let mut inventory = Inventory::default();
        for resource in resources {
            if let Kind::ControlPlane(plane) = &resource.kind {
                // Addressed `<pod address>/<component>` by the adapter.
                if let Some(pod) = resource
                    .address
                    .strip_suffix(&format!("/{}", plane.component))
                {
                    inventory
                        .static_pods
                        .insert((resource.header.file, pod.to_string()));
                }
                continue;
            }
            if let Some(identity) = pod_identity(resource) {
                if let Some(name) = identity.namespace.get() {
                    inventory.namespace_mut(name).workloads.push(resource);
                }
                continue;
            }
            // Views derived from another object (a static pod's flags, a kubeadm section) share
            // its body; only the object itself is inventoried.
            if matches!(resource.kind, Kind::ControlPlane(_) | Kind::Kubelet(_)) {
                continue;
            }
            let Some(object) = resource.kubernetes_object() else {
                continue;
            };
            match kind_of(resource) {
                "Namespace" => {
                    let Some(name) = metadata_str(resource, "name").and_then(Node::as_str) else {
                        continue;
                    };
                    let namespace = inventory.namespace_mut(name);
                    namespace.object.get_or_insert(resource);
                }
                "NetworkPolicy" | "CiliumNetworkPolicy" => match object_namespace(resource) {
                    Ok(name) => inventory
                        .namespace_mut(&name)
                        .network_policies
                        .push(resource),
                    Err(()) => inventory.cluster_wide_network_policy = true,
                },
                "GlobalNetworkPolicy" | "CiliumClusterwideNetworkPolicy" => {
                    inventory.cluster_wide_network_policy = true;
                }
                "ServiceAccount" => {
                    let (Ok(namespace), Some(name)) = (
                        object_namespace(resource),
                        metadata_str(resource, "name").and_then(Node::as_str),
                    ) else {
                        continue;
                    };
                    let automount = object
                        .get("automountServiceAccountToken")
                        .filter(|n| !n.is_null())
                        .map(Val::from_bool_node);
                    inventory
                        .service_accounts
                        .entry((namespace, name.to_string()))
                        .or_insert(ServiceAccount {
                            resource,
                            automount,
                        });
                }
                kind @ ("RoleBinding" | "ClusterRoleBinding") => {
                    if let Some(binding) = binding(resource, kind == "RoleBinding") {
                        inventory.bindings.push(binding);
                    }
                }
                "AdmissionConfiguration" | "PodSecurityConfiguration" => {
                    if let Some(default) = pod_security_default(object) {
                        inventory.pod_security_default = Some(default);
                    }
                }
                _ => {}
            }
        }
        inventory
    }

    fn namespace_mut(&mut self, name: &str) -> &mut Namespace<'a> {
        self.namespaces
            .entry(name.to_string())
            .or_insert_with(|| Namespace {
                name: name.to_string(),
                object: None,
                workloads: Vec::new(),
                network_policies: Vec::new(),
            })
    }

    /// Every namespace defined or used, by name.
    pub fn namespaces(&self) -> impl Iterator<Item = &Namespace<'a>> {
        self.namespaces.values()
    }

    pub fn namespace(&self, name: &str) -> Option<&Namespace<'a>> {
        self.namespaces.get(name)
    }

    /// The namespace a resource answers for in namespace-level findings: the `Namespace`
    /// object that defines it, or, for a namespace no manifest defines, its first workload.
    /// A finding about a namespace then appears once, at the place a reader can act on.
    pub fn namespace_represented_by(&self, resource: &Resource) -> Option<&Namespace<'a>> {
        let name = if pod_identity(resource).is_some() {
            object_namespace_of_workload(resource)?
        } else if kind_of(resource) == "Namespace" {
            metadata_str(resource, "name")?.as_str()?.to_string()
        } else {
            return None;
        };
        let namespace = self.namespaces.get(&name)?;
        let represents = match namespace.object {
            Some(object) => std::ptr::eq(object, resource),
            None => namespace
                .workloads
                .first()
                .is_some_and(|first| std::ptr::eq(*first, resource)),
        };
        represents.then_some(namespace)
    }

    /// Whether some network policy of the scan may select pods of the namespace.
    pub fn has_network_policy(&self, namespace: &str) -> bool {
        self.cluster_wide_network_policy
            || self
                .namespaces
                .get(namespace)
                .is_some_and(|n| !n.network_policies.is_empty())
    }

    /// Whether a workload is the static pod of a control-plane component, which the kubelet
    /// runs from a file on the node: it cannot use a service account.
    pub fn is_static_pod(&self, resource: &Resource) -> bool {
        self.static_pods
            .contains(&(resource.header.file, resource.address.clone()))
    }

    /// The `ServiceAccount` object, when the scan defines it.
    pub fn service_account(&self, namespace: &str, name: &str) -> Option<&ServiceAccount<'a>> {
        self.service_accounts
            .get(&(namespace.to_string(), name.to_string()))
    }

    /// Bindings whose subjects include the service account: by name, or through the
    /// `system:serviceaccounts` groups.
    pub fn bindings_of_service_account(
        &self,
        namespace: &str,
        name: &str,
    ) -> impl Iterator<Item = &Binding<'a>> {
        let namespace_group = format!("system:serviceaccounts:{namespace}");
        let namespace = namespace.to_string();
        let name = name.to_string();
        self.bindings.iter().filter(move |binding| {
            binding
                .subjects
                .iter()
                .any(|subject| match subject.kind.as_str() {
                    "ServiceAccount" => {
                        let subject_namespace = subject
                            .namespace
                            .as_deref()
                            .or(binding.namespace.as_deref());
                        subject.name == name && subject_namespace == Some(namespace.as_str())
                    }
                    "Group" => {
                        subject.name == "system:serviceaccounts" || subject.name == namespace_group
                    }
                    _ => false,
                })
        })
    }

    /// The level the `PodSecurity` admission plugin enforces on a namespace without the
    /// label, when the scan holds its configuration and it enforces more than `privileged`.
    pub fn pod_security_default(&self, namespace: &str) -> Option<&str> {
        let default = self.pod_security_default.as_ref()?;
        let exempt = default.exempt_namespaces.iter().any(|n| n == namespace);
        (!exempt && default.level != "privileged").then_some(default.level.as_str())
    }
}

fn object_namespace_of_workload(resource: &Resource) -> Option<String> {
    pod_identity(resource)?.namespace.get().cloned()
}

fn binding<'a>(resource: &'a Resource, namespaced: bool) -> Option<Binding<'a>> {
    let role = resource.kubernetes_object()?.get("roleRef")?;
    let role_name = role.get("name")?;
    let namespace = if namespaced {
        Some(object_namespace(resource).ok()?)
    } else {
        None
    };
    let subjects = resource
        .kubernetes_object()?
        .get("subjects")
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(|subject| {
            let text = |key: &str| subject.get(key).and_then(Node::as_str).map(str::to_string);
            Some(Subject {
                kind: text("kind")?,
                name: text("name")?,
                namespace: text("namespace"),
            })
        })
        .collect();
    Some(Binding {
        resource,
        namespace,
        role_kind: role
            .get("kind")
            .and_then(Node::as_str)
            .unwrap_or("ClusterRole")
            .to_string(),
        role_name: role_name.as_str()?.to_string(),
        role_span: role_name.span,
        subjects,
    })
}

/// `defaults.enforce` of a `PodSecurityConfiguration`, alone or inside the `PodSecurity`
/// plugin of an `AdmissionConfiguration`.
fn pod_security_default(body: &Node) -> Option<PodSecurityDefault> {
    let configuration = match body.get("kind").and_then(Node::as_str) {
        Some("PodSecurityConfiguration") => body,
        _ => body
            .get("plugins")?
            .as_seq()?
            .iter()
            .find(|plugin| plugin.get("name").and_then(Node::as_str) == Some("PodSecurity"))?
            .get("configuration")?,
    };
    let level = configuration
        .path(&["defaults", "enforce"])?
        .as_str()?
        .to_string();
    let exempt_namespaces = configuration
        .path(&["exemptions", "namespaces"])
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| n.as_str().map(str::to_string))
        .collect();
    Some(PodSecurityDefault {
        level,
        exempt_namespaces,
    })
}

use crate::model::Attr;

pub const NAMESPACE: Attr = Attr {
    id: "namespace",
    terraform: "metadata.namespace",
    cloudformation: "metadata.namespace",
    kubernetes: "metadata.namespace",
};
pub const SERVICE_ACCOUNT: Attr = Attr {
    id: "service_account",
    terraform: "service_account_name",
    cloudformation: "serviceAccountName",
    kubernetes: "serviceAccountName",
};
pub const AUTOMOUNT_TOKEN: Attr = Attr {
    id: "automount_service_account_token",
    terraform: "automount_service_account_token",
    cloudformation: "automountServiceAccountToken",
    kubernetes: "automountServiceAccountToken",
};
pub const POD_SECURITY_LABEL: Attr = Attr::uniform(ENFORCE_LABEL);
pub const NETWORK_POLICY: Attr = Attr::uniform("NetworkPolicy");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapt::kubernetes;
    use crate::parse::yaml::parse_stream;
    use crate::source::{FileId, SourceFile};

    fn resources(text: &str) -> Vec<Resource> {
        let source = SourceFile::new(None, "m.yaml".into(), text.into());
        parse_stream(text, FileId(0))
            .unwrap()
            .iter()
            .flat_map(|document| kubernetes::adapt(document, &source))
            .collect()
    }

    const APP: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {spec: {serviceAccountName: web, containers: []}}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec: {jobTemplate: {spec: {template: {spec: {automountServiceAccountToken: false, containers: []}}}}}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
automountServiceAccountToken: false
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: admins}
roleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}
subjects:
- {kind: ServiceAccount, name: web, namespace: shop}
- {kind: Group, name: 'system:serviceaccounts:batch'}
";

    #[test]
    fn namespaces_workloads_accounts_and_policies_across_objects() {
        let resources = resources(APP);
        let inventory = Inventory::new(&resources);
        let names: Vec<&str> = inventory.namespaces().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["default", "shop"]);
        let shop = inventory.namespace("shop").unwrap();
        assert!(shop.object.is_some());
        assert_eq!(shop.workloads.len(), 1);
        assert!(inventory.has_network_policy("shop"));
        assert!(!inventory.has_network_policy("default"));
        // The cron job's namespace is defined nowhere: its only workload represents it.
        let cron = &resources[1];
        assert_eq!(
            inventory.namespace_represented_by(cron).unwrap().name,
            "default"
        );
        assert!(inventory.namespace_represented_by(&resources[0]).is_none());
        assert!(inventory
            .service_account("shop", "web")
            .unwrap()
            .automount
            .as_ref()
            .unwrap()
            .is_false());
        assert_eq!(
            inventory.bindings_of_service_account("shop", "web").count(),
            1
        );
        assert_eq!(
            inventory
                .bindings_of_service_account("batch", "any")
                .count(),
            1
        );
        assert_eq!(
            inventory
                .bindings_of_service_account("shop", "other")
                .count(),
            0
        );
    }

    #[test]
    fn pod_identity_reads_the_pod_spec_of_each_kind() {
        let resources = resources(APP);
        let web = pod_identity(&resources[0]).unwrap();
        assert_eq!(web.namespace.get().unwrap(), "shop");
        assert_eq!(web.service_account.get().unwrap(), "web");
        assert!(!web.service_account.is_default());
        let cron = pod_identity(&resources[1]).unwrap();
        assert!(cron.namespace.is_default());
        assert!(cron.service_account.is_default());
        assert!(cron.automount.unwrap().is_false());
        assert!(pod_identity(&resources[2]).is_none());
    }

    #[test]
    fn pod_security_admission_defaults() {
        let resources = resources(
            "apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n- name: PodSecurity\n  configuration:\n    kind: PodSecurityConfiguration\n    defaults: {enforce: baseline}\n    exemptions: {namespaces: [legacy]}\n",
        );
        let inventory = Inventory::new(&resources);
        assert_eq!(inventory.pod_security_default("shop"), Some("baseline"));
        assert_eq!(inventory.pod_security_default("legacy"), None);
    }
}

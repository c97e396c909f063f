//! Kubernetes manifests to model resources.
//!
//! Every document with `apiVersion` and `kind` becomes a [`Resource`] addressed as
//! `Kind/namespace/name`; the kinds rules know about also get their typed view. A static pod of a
//! control-plane component yields a second resource with its command-line flags. `List` objects
//! (`kind: List`, `DeploymentList`, what `kubectl get -o yaml` prints) are expanded into their
//! items, each keeping its own span. eksctl's `ClusterConfig` shares the manifest shape but
//! describes an EKS cluster, so it becomes one (see [`eksctl`]).
//!
//! Helm charts and kustomizations are laid out across files; [`helm`] and [`kustomize`] decide,
//! before any file is adapted, which files are templates or patches rather than manifests.

mod control_plane;
mod eksctl;
mod encryption_config;
pub mod helm;
mod kubeadm;
mod kubelet;
pub mod kustomize;
mod list;
mod rbac;
mod service;
mod storage;
mod workload;

use std::collections::{BTreeMap, BTreeSet};

use crate::adapt::read::str_value;
use crate::model::{Format, Kind, Resource};
use crate::notice::Notice;
use crate::parse::Node;
use crate::source::{FileId, SourceFile, Sources, Span};

/// What Helm charts and kustomizations say about the files of a scan, decided before any file
/// is adapted.
#[derive(Debug, Default)]
pub struct Layout {
    /// Files that are not manifests on their own: chart templates and kustomize patches.
    pub skipped: BTreeSet<FileId>,
    /// Kustomization files: recognised and read here, they hold no resources.
    pub kustomizations: BTreeSet<FileId>,
    /// The namespace a kustomization gives a file's objects (see [`kustomize::set_namespace`]).
    pub namespaces: BTreeMap<FileId, Node>,
}

pub fn layout(sources: &Sources, notices: &mut Vec<Notice>) -> Layout {
    let (templates, chart_notices) = helm::templates(sources);
    let kustomize = kustomize::layout(sources);
    notices.extend(chart_notices);
    notices.extend(kustomize.notices);
    Layout {
        skipped: templates.into_iter().chain(kustomize.patches).collect(),
        kustomizations: kustomize.kustomizations,
        namespaces: kustomize.namespaces,
    }
}

/// Whether a document is a Kubernetes object (or a config file in the same shape).
pub fn is_object(document: &Node) -> bool {
    str_value(Some(document), "apiVersion").is_some() && str_value(Some(document), "kind").is_some()
}

pub fn adapt(document: &Node, source: &SourceFile) -> Vec<Resource> {
    let mut resources = Vec::new();
    if is_object(document) {
        adapt_object(document, None, source, &mut resources);
    }
    resources
}

/// Adapts one object; `implied_kind` is the kind of a typed list's items, which may omit it.
fn adapt_object(
    document: &Node,
    implied_kind: Option<&str>,
    source: &SourceFile,
    resources: &mut Vec<Resource>,
) {
    let Some(kind_name) = str_value(Some(document), "kind").or(implied_kind) else {
        return;
    };
    let api_version = str_value(Some(document), "apiVersion").unwrap_or_default();
    if kustomize::is_kustomization(api_version, kind_name) {
        // Instructions for kustomize, not an object it deploys.
        return;
    }
    if let Some(items) = list::items(document, kind_name) {
        for (item, item_kind) in items {
            adapt_object(item, item_kind, source, resources);
        }
        return;
    }
    let metadata = document.get("metadata");
    let name = str_value(metadata, "name").unwrap_or("<unnamed>");
    let namespace = str_value(metadata, "namespace");
    let address = match namespace {
        Some(namespace) => format!("{kind_name}/{namespace}/{name}"),
        None => format!("{kind_name}/{name}"),
    };
    let header = header(document);

    let first = resources.len();
    let kind = match kind_name {
        _ if eksctl::is_cluster_config(api_version, kind_name) => {
            resources.extend(eksctl::parts(document, &address));
            Kind::EksCluster(eksctl::cluster(document, header))
        }
        "EncryptionConfiguration" => {
            Kind::EncryptionConfig(encryption_config::encryption_config(document, source))
        }
        "KubeletConfiguration" => Kind::Kubelet(kubelet::from_config(document, header)),
        kind if crate::model::k8s::is_kubeadm_document(document) => {
            resources.extend(kubeadm::resources(document, kind, header, &address));
            Kind::Other
        }
        _ => typed(document, kind_name, name, header),
    };
    if let (Kind::Workload(workload), "Pod") = (&kind, kind_name) {
        for plane in control_plane::from_pod(&workload.pod, source) {
            resources.push(Resource {
                format: Format::Kubernetes,
                type_name: plane.component.clone(),
                address: format!("{address}/{}", plane.component),
                header: plane.invocation,
                body: document.clone(),
                metadata: None,
                object: None,
                enclosing: Vec::new(),
                kind: Kind::ControlPlane(plane),
            });
        }
    }
    resources.insert(
        first,
        Resource {
            format: Format::Kubernetes,
            type_name: kind_name.to_string(),
            address,
            header,
            body: document.clone(),
            metadata: None,
            object: None,
            enclosing: Vec::new(),
            kind,
        },
    );
}

/// Where findings about what an object lacks point: its `kind: X` line, or for a list item
/// that omits its kind, the first line of the item.
fn header(document: &Node) -> Span {
    let entry = document
        .entry("kind")
        .or_else(|| document.entry("metadata"))
        .or_else(|| document.as_map().and_then(<[_]>::first));
    entry.map_or(document.span, |entry| match entry.key.as_str() {
        "metadata" => entry.key_span,
        _ => entry.key_span.to(entry.value.span),
    })
}

/// The typed view of one API object of kind `kind_name`, from a manifest-shaped tree. Also
/// used for Terraform `kubernetes_*` resources, translated to that shape first; configuration
/// files (kubelet, kubeadm, encryption, eksctl) are read by [`adapt_object`] alone.
pub(crate) fn typed(document: &Node, kind_name: &str, name: &str, header: Span) -> Kind {
    match kind_name {
        "StorageClass" => Kind::StorageClass(storage::storage_class(document)),
        "Secret" => Kind::Secret(storage::secret(document)),
        "Role" | "ClusterRole" => Kind::Role(rbac::role(document, kind_name)),
        "RoleBinding" | "ClusterRoleBinding" => Kind::Binding(rbac::binding(document, kind_name)),
        "Service" => Kind::Service(service::service(document, header)),
        "Ingress" => Kind::Ingress(service::ingress(document)),
        _ => workload::workload(document, kind_name, name).map_or(Kind::Other, Kind::Workload),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::yaml::parse_stream;
    use crate::source::FileId;

    fn adapt_text(text: &str) -> Vec<Resource> {
        let source = SourceFile::new(None, "m.yaml".into(), text.into());
        parse_stream(text, FileId(0))
            .unwrap()
            .iter()
            .flat_map(|document| adapt(document, &source))
            .collect()
    }

    #[test]
    fn lists_are_expanded_with_their_items_spans() {
        let text = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: shop}\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: web, namespace: shop}\n  spec: {template: {spec: {containers: []}}}\n";
        let resources = adapt_text(text);
        let addresses: Vec<&str> = resources.iter().map(|r| r.address.as_str()).collect();
        assert_eq!(addresses, ["Namespace/shop", "Deployment/shop/web"]);
        assert_eq!(&text[resources[1].header.range()], "kind: Deployment");
        assert!(matches!(resources[1].kind, Kind::Workload(_)));
    }

    #[test]
    fn typed_list_items_take_the_lists_kind() {
        let text = "apiVersion: apps/v1\nkind: DeploymentList\nitems:\n- metadata: {name: web}\n  spec: {template: {spec: {containers: []}}}\n";
        let resources = adapt_text(text);
        assert_eq!(resources.len(), 1);
        assert_eq!(resources[0].address, "Deployment/web");
        assert_eq!(&text[resources[0].header.range()], "metadata");
        assert!(matches!(resources[0].kind, Kind::Workload(_)));
    }

    #[test]
    fn kustomizations_are_not_resources_and_cluster_configs_are_eks_clusters() {
        assert!(adapt_text(
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n"
        )
        .is_empty());
        let resources = adapt_text(
            "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod}\n",
        );
        assert_eq!(resources[0].address, "ClusterConfig/prod");
        assert!(matches!(resources[0].kind, Kind::EksCluster(_)));
    }
}

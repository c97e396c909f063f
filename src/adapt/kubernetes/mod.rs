//! Kubernetes manifests to model resources.
//!
//! Every document with `apiVersion` and `kind` becomes a [`Resource`] addressed as
//! `Kind/namespace/name`; the kinds rules know about also get their typed view. A static pod of a
//! control-plane component yields a second resource with its command-line flags.

mod control_plane;
mod encryption_config;
mod storage;
mod workload;

use crate::adapt::read::str_value;
use crate::model::{Format, Kind, Resource};
use crate::parse::Node;
use crate::source::SourceFile;

/// Whether a document is a Kubernetes object (or a config file in the same shape).
pub fn is_object(document: &Node) -> bool {
    str_value(Some(document), "apiVersion").is_some() && str_value(Some(document), "kind").is_some()
}

pub fn adapt(document: &Node, source: &SourceFile) -> Vec<Resource> {
    if !is_object(document) {
        return Vec::new();
    }
    let kind_name = str_value(Some(document), "kind")
        .unwrap_or_default()
        .to_string();
    let metadata = document.get("metadata");
    let name = str_value(metadata, "name").unwrap_or("<unnamed>");
    let namespace = str_value(metadata, "namespace");
    let address = match namespace {
        Some(namespace) => format!("{kind_name}/{namespace}/{name}"),
        None => format!("{kind_name}/{name}"),
    };
    let header = document
        .entry("kind")
        .map_or(document.span, |entry| entry.key_span.to(entry.value.span));

    let kind = typed(document, &kind_name, name);
    let mut resources = Vec::new();
    if let (Kind::Workload(workload), "Pod") = (&kind, kind_name.as_str()) {
        for plane in control_plane::from_pod(&workload.pod, source) {
            resources.push(Resource {
                format: Format::Kubernetes,
                type_name: plane.component.clone(),
                address: format!("{address}/{}", plane.component),
                header: plane.invocation,
                body: document.clone(),
                kind: Kind::ControlPlane(plane),
            });
        }
    }
    resources.insert(
        0,
        Resource {
            format: Format::Kubernetes,
            type_name: kind_name,
            address,
            header,
            body: document.clone(),
            kind,
        },
    );
    resources
}

/// The typed view of one object of kind `kind_name`, from a manifest-shaped tree. Also used for
/// Terraform `kubernetes_*` resources, translated to that shape first.
pub(crate) fn typed(document: &Node, kind_name: &str, name: &str) -> Kind {
    match kind_name {
        "StorageClass" => Kind::StorageClass(storage::storage_class(document)),
        "Secret" => Kind::Secret(storage::secret(document)),
        "EncryptionConfiguration" => {
            Kind::EncryptionConfig(encryption_config::encryption_config(document))
        }
        _ => workload::workload(document, kind_name, name).map_or(Kind::Other, Kind::Workload),
    }
}

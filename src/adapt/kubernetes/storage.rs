//! `StorageClass` and `Secret`.

use crate::adapt::read::{bool_field, field, str_field, str_value};
use crate::model::k8s::{Secret, SecretSection, StorageClass};
use crate::model::Val;
use crate::parse::Node;

const DEFAULT_CLASS_ANNOTATIONS: [&str; 2] = [
    "storageclass.kubernetes.io/is-default-class",
    "storageclass.beta.kubernetes.io/is-default-class",
];

pub fn storage_class(document: &Node) -> StorageClass {
    let parameters = field(Some(document), "parameters");
    let annotations = field(field(Some(document), "metadata"), "annotations");
    StorageClass {
        provisioner: str_field(Some(document), "provisioner")
            .unwrap_or_else(|| Val::unknown("no provisioner", document.span)),
        encrypted: bool_field(parameters, "encrypted"),
        kms_key_id: str_field(parameters, "kmsKeyId"),
        is_default: DEFAULT_CLASS_ANNOTATIONS
            .iter()
            .any(|key| str_value(annotations, key) == Some("true")),
    }
}

pub fn secret(document: &Node) -> Secret {
    let sections = ["data", "stringData"]
        .iter()
        .filter_map(|key| {
            let entry = document.entry(key)?;
            let keys: Vec<String> = entry
                .value
                .as_map()?
                .iter()
                .map(|e| e.key.clone())
                .collect();
            (!keys.is_empty()).then(|| SecretSection {
                name: key.to_string(),
                key_span: entry.key_span,
                keys,
            })
        })
        .collect();
    Secret {
        secret_type: str_value(Some(document), "type").map(str::to_string),
        sections,
    }
}

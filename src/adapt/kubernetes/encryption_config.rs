//! `EncryptionConfiguration` (`apiserver.config.k8s.io/v1`).

use crate::adapt::read::field;
use crate::model::k8s::{EncryptionConfig, EncryptionRule};
use crate::model::Val;
use crate::parse::Node;
use crate::source::SourceFile;

pub fn encryption_config(document: &Node, source: &SourceFile) -> EncryptionConfig {
    let rules = field(Some(document), "resources")
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .map(|item| {
            let resources = field(Some(item), "resources")
                .and_then(Node::as_seq)
                .unwrap_or_default()
                .iter()
                .map(Val::from_str_node)
                .collect();
            let providers_node = field(Some(item), "providers");
            let providers = providers_node
                .and_then(Node::as_seq)
                .unwrap_or_default()
                .iter()
                .filter_map(|provider| {
                    let entry = provider.as_map()?.first()?;
                    Some(Val::known(entry.key.clone(), entry.key_span))
                })
                .collect();
            EncryptionRule {
                span: item.span,
                resources,
                providers,
                providers_span: item
                    .entry("providers")
                    .map_or(item.span, |entry| entry.key_span),
            }
        })
        .collect();
    EncryptionConfig {
        path: source.display.clone(),
        rules,
    }
}

//! `aws_launch_template` to [`LaunchTemplate`].

use crate::adapt::read::{field, key_span_or, str_field};
use crate::model::aws::launch_template::{LaunchTemplate, Volume};
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn launch_template(body: &Node, header: Span) -> LaunchTemplate {
    let metadata = field(Some(body), "metadata_options");
    let metadata_span = key_span_or(Some(body), "metadata_options", header);
    let (http_tokens, http_endpoint) = match metadata {
        // A `dynamic` block or a whole-object expression: nothing can be assumed.
        Some(block) if block.is_unknown() => (Val::from_str_node(block), Val::from_str_node(block)),
        _ => (
            str_field(metadata, "http_tokens")
                .unwrap_or_else(|| Val::default("optional".to_string(), metadata_span)),
            str_field(metadata, "http_endpoint")
                .unwrap_or_else(|| Val::default("enabled".to_string(), metadata_span)),
        ),
    };
    LaunchTemplate {
        volumes: volumes(body),
        http_tokens,
        http_endpoint,
    }
}

/// Each `block_device_mappings` block with an `ebs` block.
fn volumes(body: &Node) -> Vec<Volume> {
    body.as_map()
        .unwrap_or_default()
        .iter()
        .filter(|entry| entry.key == "block_device_mappings")
        .filter_map(|entry| {
            let ebs = field(Some(&entry.value), "ebs")?;
            // The provider's `encrypted` is a string; plan JSON writes `""` when it is unset.
            let written = field(Some(ebs), "encrypted").filter(|v| v.as_str() != Some(""));
            let snapshot = field(Some(ebs), "snapshot_id").filter(|v| v.as_str() != Some(""));
            let encrypted = match written.map(Val::from_bool_node) {
                Some(encrypted) => encrypted,
                None if snapshot.is_some() || ebs.is_unknown() => Val::unknown(
                    "the volume inherits the snapshot's encryption",
                    entry.key_span,
                ),
                None => Val::default(false, entry.key_span),
            };
            Some(Volume {
                span: entry.key_span,
                encrypted,
            })
        })
        .collect()
}

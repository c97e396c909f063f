//! `AWS::EC2::LaunchTemplate` to [`LaunchTemplate`].

use crate::adapt::read::{bool_field, field, key_span_or, str_field};
use crate::model::aws::launch_template::{LaunchTemplate, Volume};
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn launch_template(properties: &Node, header: Span) -> LaunchTemplate {
    let data = field(Some(properties), "LaunchTemplateData");
    // `LaunchTemplateData` is required; one given by an intrinsic hides everything in it.
    if let Some(block) = data.filter(|d| d.is_unknown()) {
        return LaunchTemplate {
            volumes: Vec::new(),
            http_tokens: Val::from_str_node(block),
            http_endpoint: Val::from_str_node(block),
        };
    }
    let data_span = key_span_or(Some(properties), "LaunchTemplateData", header);
    let metadata = field(data, "MetadataOptions");
    let metadata_span = key_span_or(data, "MetadataOptions", data_span);
    let (http_tokens, http_endpoint) = match metadata {
        Some(block) if block.is_unknown() => (Val::from_str_node(block), Val::from_str_node(block)),
        _ => (
            str_field(metadata, "HttpTokens")
                .unwrap_or_else(|| Val::default("optional".to_string(), metadata_span)),
            str_field(metadata, "HttpEndpoint")
                .unwrap_or_else(|| Val::default("enabled".to_string(), metadata_span)),
        ),
    };
    LaunchTemplate {
        volumes: volumes(data),
        http_tokens,
        http_endpoint,
    }
}

fn volumes(data: Option<&Node>) -> Vec<Volume> {
    let Some(mappings) = field(data, "BlockDeviceMappings").and_then(Node::as_seq) else {
        return Vec::new();
    };
    mappings
        .iter()
        .filter_map(|mapping| {
            let ebs = field(Some(mapping), "Ebs")?;
            let encrypted = match bool_field(Some(ebs), "Encrypted") {
                Some(encrypted) => encrypted,
                None if field(Some(ebs), "SnapshotId").is_some() || ebs.is_unknown() => {
                    Val::unknown(
                        "the volume inherits the snapshot's encryption",
                        mapping.span,
                    )
                }
                None => Val::default(false, mapping.span),
            };
            Some(Volume {
                span: mapping.span,
                encrypted,
            })
        })
        .collect()
}

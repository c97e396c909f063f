//! `aws_eks_cluster` to [`Cluster`].

use crate::adapt::read::{bool_field, field, key_span_or, str_field, str_list_field};
use crate::model::aws::eks::{Cluster, EncryptionConfig};
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn cluster(body: &Node, header: Span) -> Cluster {
    let vpc = field(Some(body), "vpc_config");
    let vpc_span = key_span_or(Some(body), "vpc_config", header);
    Cluster {
        endpoint_public_access: bool_field(vpc, "endpoint_public_access")
            .unwrap_or_else(|| Val::default(true, vpc_span)),
        endpoint_private_access: bool_field(vpc, "endpoint_private_access")
            .unwrap_or_else(|| Val::default(false, vpc_span)),
        public_access_cidrs: str_list_field(vpc, "public_access_cidrs").unwrap_or_else(|| {
            Val::default(
                vec![Val::default("0.0.0.0/0".to_string(), vpc_span)],
                vpc_span,
            )
        }),
        enabled_log_types: str_list_field(Some(body), "enabled_cluster_log_types")
            .unwrap_or_else(|| Val::default(Vec::new(), header)),
        encryption: encryption(body),
    }
}

/// Every `encryption_config` block (the evaluated body lists repeated blocks one entry each).
fn encryption(body: &Node) -> Vec<EncryptionConfig> {
    body.as_map()
        .unwrap_or_default()
        .iter()
        .filter(|entry| entry.key == "encryption_config")
        .map(|entry| {
            let config = &entry.value;
            EncryptionConfig {
                span: entry.key_span,
                resources: str_list_field(Some(config), "resources")
                    .unwrap_or_else(|| Val::default(Vec::new(), entry.key_span)),
                key_arn: str_field(field(Some(config), "provider"), "key_arn"),
            }
        })
        .collect()
}

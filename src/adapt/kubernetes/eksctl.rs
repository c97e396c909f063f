//! eksctl's `ClusterConfig` (`apiVersion: eksctl.io/v1alpha5`) to the EKS [`Cluster`] model.
//!
//! eksctl describes the same EKS control plane as `AWS::EKS::Cluster` and `aws_eks_cluster`, so
//! it fills the same model and the same rules apply. The defaults are eksctl's own (they match
//! EKS's): a public endpoint without a private one, open to `0.0.0.0/0`, no control-plane logs
//! and no envelope encryption of Secrets.

use crate::adapt::read::{bool_field, field, key_span_or, str_field};
use crate::model::aws::eks::{Cluster, EncryptionConfig, LOG_TYPES};
use crate::model::{How, Origin, Val};
use crate::parse::Node;
use crate::source::Span;

/// The API group of eksctl's config files.
const API_GROUP: &str = "eksctl.io/";

/// Whether a document is an eksctl cluster config.
pub fn is_cluster_config(api_version: &str, kind: &str) -> bool {
    api_version.starts_with(API_GROUP) && kind == "ClusterConfig"
}

pub fn cluster(document: &Node, header: Span) -> Cluster {
    let vpc = field(Some(document), "vpc");
    let vpc_span = key_span_or(Some(document), "vpc", header);
    let endpoints = field(vpc, "clusterEndpoints");
    let endpoints_span = key_span_or(vpc, "clusterEndpoints", vpc_span);
    Cluster {
        endpoint_public_access: bool_field(endpoints, "publicAccess")
            .unwrap_or_else(|| Val::default(true, endpoints_span)),
        endpoint_private_access: bool_field(endpoints, "privateAccess")
            .unwrap_or_else(|| Val::default(false, endpoints_span)),
        public_access_cidrs: field(vpc, "publicAccessCIDRs")
            .map(Val::from_str_list_node)
            .unwrap_or_else(|| {
                Val::default(
                    vec![Val::default("0.0.0.0/0".to_string(), vpc_span)],
                    vpc_span,
                )
            }),
        enabled_log_types: log_types(document, header),
        encryption: encryption(document),
    }
}

/// `cloudWatch.clusterLogging.enableTypes`; eksctl reads `*` and `all` as every log type.
fn log_types(document: &Node, header: Span) -> Val<Vec<Val<String>>> {
    let logging = field(field(Some(document), "cloudWatch"), "clusterLogging");
    let Some(types) = field(logging, "enableTypes") else {
        let span = key_span_or(Some(document), "cloudWatch", header);
        return Val::default(Vec::new(), span);
    };
    let mut list = Val::from_str_list_node(types);
    if let Ok(items) = &mut list.value {
        let expanded: Vec<Val<String>> = items
            .iter()
            .flat_map(|item| match item.get().map(String::as_str) {
                Some("*" | "all") => LOG_TYPES
                    .iter()
                    .map(|name| Val {
                        value: Ok(name.to_string()),
                        origin: Origin {
                            span: item.span(),
                            how: How::Explicit,
                        },
                    })
                    .collect(),
                _ => vec![item.clone()],
            })
            .collect();
        *items = expanded;
    }
    list
}

/// `secretsEncryption.keyARN`: eksctl only ever encrypts Secrets.
fn encryption(document: &Node) -> Vec<EncryptionConfig> {
    let Some(entry) = document.entry("secretsEncryption") else {
        return Vec::new();
    };
    if entry.value.is_null() {
        return Vec::new();
    }
    let span = entry.key_span.to(entry.value.span);
    vec![EncryptionConfig {
        span,
        resources: Val::default(
            vec![Val::default("secrets".to_string(), entry.key_span)],
            entry.key_span,
        ),
        key_arn: str_field(Some(&entry.value), "keyARN"),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::yaml::parse_stream;
    use crate::source::FileId;

    fn adapt(text: &str) -> Cluster {
        let documents = parse_stream(text, FileId(0)).unwrap();
        cluster(&documents[0], documents[0].span)
    }

    #[test]
    fn defaults_are_eksctls() {
        let cluster =
            adapt("apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: a}\n");
        assert!(cluster.endpoint_public_access.is_true());
        assert!(cluster.endpoint_public_access.is_default());
        assert!(cluster.endpoint_private_access.is_false());
        assert_eq!(cluster.public_access_cidrs.get().unwrap().len(), 1);
        assert!(cluster.enabled_log_types.get().unwrap().is_empty());
        assert!(cluster.encryption.is_empty());
    }

    #[test]
    fn explicit_settings_and_all_log_types() {
        let cluster = adapt(
            "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\n\
             vpc:\n  clusterEndpoints: {publicAccess: false, privateAccess: true}\n  publicAccessCIDRs: [10.0.0.0/8]\n\
             cloudWatch:\n  clusterLogging:\n    enableTypes: [\"*\"]\n\
             secretsEncryption:\n  keyARN: arn:aws:kms:eu-west-1:123456789012:key/1\n",
        );
        assert!(cluster.endpoint_public_access.is_false());
        assert!(cluster.endpoint_private_access.is_true());
        let types = cluster.enabled_log_types.get().unwrap();
        assert_eq!(types.len(), LOG_TYPES.len());
        assert_eq!(cluster.encryption.len(), 1);
        assert!(cluster.encryption[0].key_arn.is_some());
    }
}

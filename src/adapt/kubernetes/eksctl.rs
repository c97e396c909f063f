//! eksctl's `ClusterConfig` (`apiVersion: eksctl.io/v1alpha5`) to the EKS [`Cluster`] model.
//!
//! eksctl describes the same EKS control plane as `AWS::EKS::Cluster` and `aws_eks_cluster`, so
//! it fills the same model and the same rules apply. The defaults are eksctl's own (they match
//! EKS's): a public endpoint without a private one, open to `0.0.0.0/0`, no control-plane logs
//! and no envelope encryption of Secrets, `API_AND_CONFIG_MAP` authentication, no OIDC provider.
//!
//! Node groups, add-ons and Fargate profiles are lists inside the same document; each becomes a
//! resource of its own ([`parts`]), addressed under the cluster's address, so the rules that
//! look at `aws_eks_node_group` or `AWS::EKS::Addon` look at them too. eksctl's node group
//! default is public: without `privateNetworking: true` nodes get public IP addresses.

use crate::adapt::read::{bool_field, field, key_span_or, str_field, str_list_field};
use crate::model::aws::eks::{Cluster, EncryptionConfig, LOG_TYPES};
use crate::model::aws::eks_addon::Addon;
use crate::model::aws::eks_fargate::FargateProfile;
use crate::model::aws::eks_links::Link;
use crate::model::aws::eks_node_group::{NodeGroup, Ssh};
use crate::model::{Format, How, Kind, Origin, Resource, Val};
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
    let metadata = field(Some(document), "metadata");
    let access = field(Some(document), "accessConfig");
    Cluster {
        name: str_field(metadata, "name"),
        version: str_field(metadata, "version"),
        authentication_mode: str_field(access, "authenticationMode").unwrap_or_else(|| {
            Val::default(
                "API_AND_CONFIG_MAP".to_string(),
                key_span_or(Some(document), "accessConfig", header),
            )
        }),
        security_groups: field(vpc, "securityGroup")
            .map(Link::from_node)
            .into_iter()
            .collect(),
        workload_identity: Some(workload_identity(document, header)),
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

/// `iam.withOIDC` (default false), or Pod Identity associations listed under `iam`.
fn workload_identity(document: &Node, header: Span) -> Val<bool> {
    let iam = field(Some(document), "iam");
    if let Some(associations) = field(iam, "podIdentityAssociations") {
        if associations.as_seq().is_some_and(|items| !items.is_empty()) || associations.is_unknown()
        {
            return Val::from_node(associations, "a list", |n| n.as_seq().map(|_| true));
        }
    }
    bool_field(iam, "withOIDC")
        .unwrap_or_else(|| Val::default(false, key_span_or(Some(document), "iam", header)))
}

/// The node groups, add-ons and Fargate profiles a cluster config declares, as resources of
/// their own under the cluster's address.
pub fn parts(document: &Node, cluster_address: &str) -> Vec<Resource> {
    let cluster = Link::Resource(cluster_address.to_string());
    let mut out = Vec::new();
    let mut push = |list: &str, item: &Node, kind: Kind| {
        let name = item
            .get("name")
            .and_then(Node::as_str)
            .unwrap_or("<unnamed>");
        let header = item
            .entry("name")
            .map_or(item.span, |e| e.key_span.to(e.value.span));
        out.push(Resource {
            format: Format::Kubernetes,
            type_name: format!("ClusterConfig.{list}"),
            address: format!("{cluster_address}/{list}/{name}"),
            header,
            body: item.clone(),
            metadata: None,
            object: None,
            enclosing: Vec::new(),
            kind,
        });
    };
    for list in ["nodeGroups", "managedNodeGroups"] {
        for item in items(document, list) {
            push(list, item, Kind::EksNodeGroup(node_group(item, &cluster)));
        }
    }
    for item in items(document, "addons") {
        let addon = Addon {
            cluster: cluster.clone(),
            name: str_field(Some(item), "name")
                .unwrap_or_else(|| Val::unknown("no `name`", item.span)),
            configuration: str_field(Some(item), "configurationValues"),
        };
        push("addons", item, Kind::EksAddon(addon));
    }
    for item in items(document, "fargateProfiles") {
        let profile = FargateProfile {
            cluster: cluster.clone(),
        };
        push("fargateProfiles", item, Kind::EksFargateProfile(profile));
    }
    out
}

fn items<'a>(document: &'a Node, key: &str) -> &'a [Node] {
    field(Some(document), key)
        .and_then(Node::as_seq)
        .unwrap_or_default()
}

fn node_group(item: &Node, cluster: &Link) -> NodeGroup {
    let header = item.entry("name").map_or(item.span, |e| e.key_span);
    let ssh = item
        .entry("ssh")
        .filter(|e| !e.value.is_null())
        .map(|entry| {
            let block = Some(&entry.value);
            // eksctl turns SSH on when a key is given, unless `allow: false`.
            let has_key = ["publicKeyName", "publicKeyPath", "publicKey"]
                .iter()
                .any(|key| field(block, key).is_some());
            Ssh {
                span: entry.key_span,
                enabled: bool_field(block, "allow")
                    .unwrap_or_else(|| Val::default(has_key, entry.key_span)),
                source_security_groups: str_list_field(block, "sourceSecurityGroupIds")
                    .unwrap_or_else(|| Val::default(Vec::new(), entry.key_span)),
            }
        });
    let iam = field(Some(item), "iam");
    NodeGroup {
        cluster: cluster.clone(),
        role: field(iam, "instanceRoleARN").map_or(Link::Unknown, Link::from_node),
        ssh,
        public_ip: Some(match bool_field(Some(item), "privateNetworking") {
            Some(private) => Val {
                value: private.value.map(|p| !p),
                origin: private.origin,
            },
            None => Val::default(true, header),
        }),
        subnets: Vec::new(),
        subnets_span: None,
        launch_template: None,
        version: None,
        role_policies: str_list_field(iam, "attachPolicyARNs"),
        image_builder: bool_field(field(iam, "withAddonPolicies"), "imageBuilder"),
        inline_policy: field(iam, "attachPolicy").cloned(),
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

//! `aws_eks_cluster`, `aws_eks_node_group`, `aws_eks_addon` and `aws_eks_fargate_profile` to
//! the EKS model.

use crate::adapt::read::{bool_field, field, key_span_or, str_field, str_list_field};
use crate::model::aws::eks::{Cluster, EncryptionConfig};
use crate::model::aws::eks_addon::Addon;
use crate::model::aws::eks_fargate::FargateProfile;
use crate::model::aws::eks_links::Link;
use crate::model::aws::eks_node_group::{NodeGroup, Ssh};
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn cluster(body: &Node, header: Span) -> Cluster {
    let vpc = field(Some(body), "vpc_config");
    let vpc_span = key_span_or(Some(body), "vpc_config", header);
    let access = field(Some(body), "access_config");
    let access_span = key_span_or(Some(body), "access_config", header);
    Cluster {
        name: str_field(Some(body), "name"),
        version: str_field(Some(body), "version"),
        authentication_mode: str_field(access, "authentication_mode")
            .unwrap_or_else(|| Val::default("CONFIG_MAP".to_string(), access_span)),
        security_groups: Link::list(field(vpc, "security_group_ids")),
        workload_identity: None,
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

pub fn node_group(body: &Node) -> NodeGroup {
    let remote = body.entry("remote_access").filter(|e| !e.value.is_null());
    let ssh = remote.map(|entry| Ssh {
        span: entry.key_span,
        enabled: Val::default(true, entry.key_span),
        source_security_groups: str_list_field(Some(&entry.value), "source_security_group_ids")
            .unwrap_or_else(|| Val::default(Vec::new(), entry.key_span)),
    });
    let template = field(Some(body), "launch_template");
    NodeGroup {
        cluster: Link::field(Some(body), "cluster_name"),
        role: Link::field(Some(body), "node_role_arn"),
        ssh,
        public_ip: None,
        subnets: Link::list(field(Some(body), "subnet_ids")),
        subnets_span: field(Some(body), "subnet_ids").map(|n| n.span),
        launch_template: template.map(|t| match field(Some(t), "id") {
            Some(id) => Link::from_node(id),
            None => Link::field(Some(t), "name"),
        }),
        version: str_field(Some(body), "version"),
        role_policies: None,
        image_builder: None,
        inline_policy: None,
    }
}

pub fn addon(body: &Node) -> Addon {
    Addon {
        cluster: Link::field(Some(body), "cluster_name"),
        name: str_field(Some(body), "addon_name")
            .unwrap_or_else(|| Val::unknown("no `addon_name`", body.span)),
        configuration: str_field(Some(body), "configuration_values"),
    }
}

pub fn fargate_profile(body: &Node) -> FargateProfile {
    FargateProfile {
        cluster: Link::field(Some(body), "cluster_name"),
    }
}

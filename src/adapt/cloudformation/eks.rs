//! `AWS::EKS::Cluster`, `AWS::EKS::Nodegroup`, `AWS::EKS::Addon` and
//! `AWS::EKS::FargateProfile` to the EKS model.

use crate::adapt::read::{bool_field, field, key_span_or, str_field, str_list_field};
use crate::model::aws::eks::{Cluster, EncryptionConfig};
use crate::model::aws::eks_addon::Addon;
use crate::model::aws::eks_fargate::FargateProfile;
use crate::model::aws::eks_links::Link;
use crate::model::aws::eks_node_group::{NodeGroup, Ssh};
use crate::model::Val;
use crate::parse::{Node, NodeKind};
use crate::source::Span;

pub fn cluster(properties: &Node, header: Span) -> Cluster {
    let vpc = field(Some(properties), "ResourcesVpcConfig");
    let access = field(Some(properties), "AccessConfig");
    let access_span = key_span_or(Some(properties), "AccessConfig", header);
    let authentication_mode = match access {
        Some(block) if block.is_unknown() => Val::from_str_node(block),
        _ => str_field(access, "AuthenticationMode")
            .unwrap_or_else(|| Val::default("CONFIG_MAP".to_string(), access_span)),
    };
    let name = str_field(Some(properties), "Name");
    let version = str_field(Some(properties), "Version");
    // A whole block that is unknown (an `Fn::If` on an unknown condition, an import) hides
    // every setting in it: no default may be assumed for them.
    if let Some(block) = vpc.filter(|block| block.is_unknown()) {
        return Cluster {
            name,
            version,
            authentication_mode,
            security_groups: vec![Link::Unknown],
            workload_identity: None,
            endpoint_public_access: Val::from_node(block, "a boolean", |_| None),
            endpoint_private_access: Val::from_node(block, "a boolean", |_| None),
            public_access_cidrs: Val::from_node(block, "a list", |_| None),
            enabled_log_types: log_types(properties, header),
            encryption: encryption(properties),
        };
    }
    let vpc_span = key_span_or(Some(properties), "ResourcesVpcConfig", header);
    Cluster {
        name,
        version,
        authentication_mode,
        security_groups: Link::list(field(vpc, "SecurityGroupIds")),
        workload_identity: None,
        endpoint_public_access: bool_field(vpc, "EndpointPublicAccess")
            .unwrap_or_else(|| Val::default(true, vpc_span)),
        endpoint_private_access: bool_field(vpc, "EndpointPrivateAccess")
            .unwrap_or_else(|| Val::default(false, vpc_span)),
        public_access_cidrs: str_list_field(vpc, "PublicAccessCidrs").unwrap_or_else(|| {
            Val::default(
                vec![Val::default("0.0.0.0/0".to_string(), vpc_span)],
                vpc_span,
            )
        }),
        enabled_log_types: log_types(properties, header),
        encryption: encryption(properties),
    }
}

/// `Logging.ClusterLogging.EnabledTypes` is a list of `{Type: name}` maps.
fn log_types(properties: &Node, header: Span) -> Val<Vec<Val<String>>> {
    let logging = field(Some(properties), "Logging");
    let cluster_logging = field(logging, "ClusterLogging");
    if let Some(block) = [logging, cluster_logging]
        .into_iter()
        .flatten()
        .find(|b| b.is_unknown())
    {
        return Val::from_node(block, "a list", |_| None);
    }
    let Some(types) = field(cluster_logging, "EnabledTypes") else {
        return Val::default(Vec::new(), header);
    };
    Val::from_node(types, "a list", |node| {
        node.as_seq().map(|items| {
            items
                .iter()
                .map(|item| match field(Some(item), "Type") {
                    Some(name) => Val::from_str_node(name),
                    None => Val::from_str_node(item),
                })
                .collect()
        })
    })
}

fn encryption(properties: &Node) -> Vec<EncryptionConfig> {
    let Some(configs) = field(Some(properties), "EncryptionConfig") else {
        return Vec::new();
    };
    let Some(items) = configs.as_seq() else {
        // Unknown as a whole (an intrinsic): count it as configured rather than guess.
        return vec![EncryptionConfig {
            span: configs.span,
            resources: Val::unknown("EncryptionConfig is not a literal list", configs.span),
            key_arn: Some(Val::unknown(
                "EncryptionConfig is not a literal list",
                configs.span,
            )),
        }];
    };
    items
        .iter()
        .map(|item| match &item.kind {
            NodeKind::Unknown(reason) => EncryptionConfig {
                span: item.span,
                resources: Val::unknown(reason.clone(), item.span),
                key_arn: Some(Val::unknown(reason.clone(), item.span)),
            },
            _ => EncryptionConfig {
                span: item.span,
                resources: str_list_field(Some(item), "Resources")
                    .unwrap_or_else(|| Val::default(Vec::new(), item.span)),
                key_arn: key_arn(item),
            },
        })
        .collect()
}

/// `Provider.KeyArn`; a provider that is unknown as a whole counts as naming a key.
fn key_arn(item: &Node) -> Option<Val<String>> {
    let provider = field(Some(item), "Provider");
    match provider {
        Some(block) if block.is_unknown() => Some(Val::from_str_node(block)),
        _ => str_field(provider, "KeyArn"),
    }
}

pub fn node_group(properties: &Node) -> NodeGroup {
    let remote = properties
        .entry("RemoteAccess")
        .filter(|e| !e.value.is_null());
    let ssh = remote.map(|entry| Ssh {
        span: entry.key_span,
        enabled: Val::default(true, entry.key_span),
        source_security_groups: if entry.value.is_unknown() {
            Val::from_node(&entry.value, "a list", |_| None)
        } else {
            str_list_field(Some(&entry.value), "SourceSecurityGroups")
                .unwrap_or_else(|| Val::default(Vec::new(), entry.key_span))
        },
    });
    let template = field(Some(properties), "LaunchTemplate");
    NodeGroup {
        cluster: Link::field(Some(properties), "ClusterName"),
        role: Link::field(Some(properties), "NodeRole"),
        ssh,
        public_ip: None,
        subnets: Link::list(field(Some(properties), "Subnets")),
        subnets_span: field(Some(properties), "Subnets").map(|n| n.span),
        launch_template: template.map(|t| match field(Some(t), "Id") {
            Some(id) => Link::from_node(id),
            None => Link::field(Some(t), "Name"),
        }),
        version: str_field(Some(properties), "Version"),
        role_policies: None,
        image_builder: None,
        inline_policy: None,
    }
}

pub fn addon(properties: &Node) -> Addon {
    Addon {
        cluster: Link::field(Some(properties), "ClusterName"),
        name: str_field(Some(properties), "AddonName")
            .unwrap_or_else(|| Val::unknown("no `AddonName`", properties.span)),
        configuration: str_field(Some(properties), "ConfigurationValues"),
    }
}

pub fn fargate_profile(properties: &Node) -> FargateProfile {
    FargateProfile {
        cluster: Link::field(Some(properties), "ClusterName"),
    }
}

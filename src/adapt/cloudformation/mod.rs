//! CloudFormation templates (JSON or YAML) to model resources.
//!
//! Each entry of `Resources` becomes one [`Resource`] addressed by its logical ID, with its
//! `Properties` passed through [`intrinsics::resolve`] first, so service adapters read plain
//! values or [`crate::parse::NodeKind::Unknown`], never intrinsic functions.

mod ebs;
mod eks;
mod intrinsics;

use crate::model::{Format, Kind, Resource};
use crate::parse::{Node, NodeKind};

/// Whether a document is a CloudFormation template: it says so, or its `Resources` hold
/// CloudFormation resource types.
pub fn is_template(root: &Node) -> bool {
    if root.get("AWSTemplateFormatVersion").is_some() {
        return true;
    }
    root.get("Resources")
        .and_then(Node::as_map)
        .is_some_and(|resources| {
            !resources.is_empty()
                && resources.iter().all(|entry| {
                    entry
                        .value
                        .get("Type")
                        .and_then(Node::as_str)
                        .is_some_and(is_resource_type)
                })
        })
}

fn is_resource_type(name: &str) -> bool {
    ["AWS::", "Custom::", "Alexa::"]
        .iter()
        .any(|prefix| name.starts_with(prefix))
}

pub fn adapt(root: &Node) -> Vec<Resource> {
    let template = intrinsics::Template::new(root);
    let Some(resources) = root.get("Resources").and_then(Node::as_map) else {
        return Vec::new();
    };
    resources
        .iter()
        .filter_map(|entry| {
            let type_name = entry.value.get("Type")?.as_str()?.to_string();
            let header = entry.key_span;
            let body = match entry.value.get("Properties") {
                Some(properties) => template.resolve(properties),
                None => Node::new(header, NodeKind::Map(Vec::new())),
            };
            let kind = match type_name.as_str() {
                "AWS::EKS::Cluster" => Kind::EksCluster(eks::cluster(&body, header)),
                "AWS::EC2::Volume" => Kind::EbsVolume(ebs::volume(&body, header)),
                _ => Kind::Other,
            };
            Some(Resource {
                format: Format::CloudFormation,
                type_name,
                address: entry.key.clone(),
                header,
                body,
                metadata: entry.value.get("Metadata").cloned(),
                kind,
            })
        })
        .collect()
}

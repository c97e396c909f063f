//! CloudFormation templates (JSON or YAML, SAM, CDK output) to model resources.
//!
//! Each entry of `Resources` becomes one [`Resource`] addressed by its logical ID, with its
//! `Properties` passed through the [`intrinsics::Resolver`] first, so service adapters read
//! plain values or [`NodeKind::Unknown`], never intrinsic functions. SAM `Globals` are merged
//! first (`sam.rs`); parameter values come from `--cfn-params` ([`Params`]), then defaults.
//!
//! Conditions decide what is deployed: a resource whose `Condition` is false is left out. When a
//! condition cannot be known, the resource is read once with it unknown (whatever depends on it
//! is unknown, so raises nothing), and once more per value of each unknown condition its
//! `Fn::If`s use: a finding that only appears under one value is therefore reported, saying
//! "when condition `X` is false" and pointing at the condition. Those extra views have the same
//! address and header, and their `body.via` names the assumption. Findings that do not depend
//! on the condition come out of every view identically and are reported once.

mod compute;
mod conditions;
mod detect;
mod ebs;
mod eks;
mod intrinsics;
mod params;
mod sam;

pub use detect::is_template;
pub use params::{Given, Params};

use std::collections::BTreeSet;

use crate::model::{Format, Kind, Resource};
use crate::parse::{Entry, Node, NodeKind};
use conditions::{conditions_used, when};
use intrinsics::{Assumption, Resolver, Template};

/// How many unknown conditions of one resource get views of their own; the rest stay unknown.
const MAX_CONDITION_VIEWS: usize = 8;

pub fn adapt(root: &Node, params: &Params) -> Vec<Resource> {
    let root = sam::apply_globals(root);
    let template = Template::new(&root, params);
    let Some(resources) = root.get("Resources").and_then(Node::as_map) else {
        return Vec::new();
    };
    // Shared by every resource read without assumptions, so conditions are evaluated once.
    let base = Resolver::new(&template, Vec::new());
    let mut out = Vec::new();
    for entry in resources {
        let Some(type_name) = entry.value.get("Type").and_then(Node::as_str) else {
            continue;
        };
        // The resource's own `Condition`: false means not deployed; unknown means "only when
        // it is true", which also holds for every `Fn::If` on it inside the resource.
        let mut assumed = Vec::new();
        if let Some(name) = entry.value.get("Condition").and_then(Node::as_str) {
            match base.condition(name, entry.key_span).as_bool() {
                Some(false) => continue,
                Some(true) => {}
                None if base.is_open(name, entry.key_span) => assumed.push(Assumption {
                    note: format!(
                        "`{}` is only created when condition `{name}` is true",
                        entry.key
                    ),
                    ..when(name, true)
                }),
                None => {}
            }
        }
        let own;
        let resolver = if assumed.is_empty() {
            &base
        } else {
            own = Resolver::new(&template, assumed.clone());
            &own
        };
        out.push(resource(entry, type_name, resolver));

        let mut used = BTreeSet::new();
        if let Some(properties) = entry.value.get("Properties") {
            conditions_used(properties, &mut used);
        }
        let unknown = used.into_iter().filter(|name| {
            !assumed.iter().any(|a| &a.condition == name) && resolver.is_open(name, entry.key_span)
        });
        for name in unknown.take(MAX_CONDITION_VIEWS) {
            for value in [true, false] {
                let mut view = assumed.clone();
                view.push(when(&name, value));
                out.push(resource(entry, type_name, &Resolver::new(&template, view)));
            }
        }
    }
    out
}

/// One view of a resource under the resolver's assumptions.
fn resource(entry: &Entry, type_name: &str, resolver: &Resolver) -> Resource {
    let header = entry.key_span;
    let mut body = match entry.value.get("Properties") {
        Some(properties) => resolver.resolve(properties),
        None => Node::new(header, NodeKind::Map(Vec::new())),
    };
    if body.is_null() {
        body = Node::new(body.span, NodeKind::Map(Vec::new()));
    }
    body.via = resolver.assumption_notes();
    // Properties unknown as a whole: no defaults can be assumed, so no typed view.
    let kind = match (type_name, body.is_unknown()) {
        (_, true) => Kind::Other,
        ("AWS::EKS::Cluster", false) => Kind::EksCluster(eks::cluster(&body, header)),
        ("AWS::EKS::Nodegroup", false) => Kind::EksNodeGroup(eks::node_group(&body)),
        ("AWS::EKS::Addon", false) => Kind::EksAddon(eks::addon(&body)),
        ("AWS::EKS::FargateProfile", false) => Kind::EksFargateProfile(eks::fargate_profile(&body)),
        ("AWS::EC2::Volume", false) => Kind::EbsVolume(ebs::volume(&body, header)),
        _ => Kind::Other,
    };
    Resource {
        format: Format::CloudFormation,
        type_name: type_name.to_string(),
        address: entry.key.clone(),
        header,
        body,
        metadata: entry.value.get("Metadata").cloned(),
        object: None,
        kind,
    }
}

#[cfg(test)]
mod tests;

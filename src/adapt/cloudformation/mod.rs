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

mod cloudtrail;
mod compute;
mod conditions;
mod detect;
mod ebs;
mod ecr;
mod eks;
mod elb;
mod guardduty;
mod iam;
mod intrinsics;
mod kms;
mod launch_template;
mod link;
mod params;
mod rds;
mod s3;
mod sam;
mod security_group;
mod security_hub;
mod waf;

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
    let raw = elb::Raw {
        properties: entry.value.get("Properties"),
        resources: &resolver.template.resources,
    };
    // Properties unknown as a whole: no defaults can be assumed, so no typed view.
    let kind = match (type_name, body.is_unknown()) {
        (_, true) => Kind::Other,
        ("AWS::EKS::Cluster", false) => Kind::EksCluster(eks::cluster(&body, header)),
        ("AWS::EKS::Nodegroup", false) => Kind::EksNodeGroup(eks::node_group(&body)),
        ("AWS::EKS::Addon", false) => Kind::EksAddon(eks::addon(&body)),
        ("AWS::EKS::FargateProfile", false) => Kind::EksFargateProfile(eks::fargate_profile(&body)),
        ("AWS::EC2::Volume", false) => Kind::EbsVolume(ebs::volume(&body, header)),
        ("AWS::ElasticLoadBalancingV2::LoadBalancer", false) => {
            Kind::LoadBalancer(elb::load_balancer(&body, header))
        }
        ("AWS::ElasticLoadBalancingV2::Listener", false) => {
            Kind::LbListener(elb::listener(&body, &raw, header))
        }
        ("AWS::WAFv2::WebACLAssociation" | "AWS::WAFRegional::WebACLAssociation", false) => {
            Kind::WafAssociation(waf::protection(&body, &raw))
        }
        ("AWS::Shield::Protection", false) => Kind::ShieldProtection(waf::protection(&body, &raw)),
        ("AWS::ECR::Repository", false) => Kind::EcrRepository(ecr::repository(&body, header)),
        ("AWS::ECR::RegistryScanningConfiguration", false) => {
            Kind::EcrRegistryScanning(ecr::registry_scanning(&body))
        }
        ("AWS::EC2::SecurityGroup" | "AWS::EC2::SecurityGroupIngress", false) => {
            Kind::SecurityGroup(security_group::security_group(type_name, &body, header))
        }
        (
            "AWS::IAM::Policy"
            | "AWS::IAM::ManagedPolicy"
            | "AWS::IAM::RolePolicy"
            | "AWS::IAM::UserPolicy"
            | "AWS::IAM::GroupPolicy"
            | "AWS::IAM::Role"
            | "AWS::IAM::User"
            | "AWS::IAM::Group",
            false,
        ) => Kind::IamPolicies(iam::policies(type_name, &body)),
        ("AWS::KMS::Key", false) => Kind::KmsKey(kms::key(&body, header)),
        (_, false) => aws_data_logging(type_name, &body, header),
    };
    Resource {
        format: Format::CloudFormation,
        type_name: type_name.to_string(),
        address: entry.key.clone(),
        header,
        body,
        metadata: entry.value.get("Metadata").cloned(),
        object: None,
        enclosing: Vec::new(),
        kind,
    }
}

/// Launch templates, RDS, CloudTrail, GuardDuty, Security Hub and S3.
fn aws_data_logging(type_name: &str, body: &Node, header: crate::source::Span) -> Kind {
    match type_name {
        "AWS::EC2::LaunchTemplate" => {
            Kind::LaunchTemplate(launch_template::launch_template(body, header))
        }
        "AWS::RDS::DBInstance" => Kind::RdsDatabase(rds::database(body, header, false)),
        "AWS::RDS::DBCluster" => Kind::RdsDatabase(rds::database(body, header, true)),
        "AWS::RDS::DBParameterGroup" => {
            Kind::RdsParameterGroup(rds::parameter_group(body, header, false))
        }
        "AWS::RDS::DBClusterParameterGroup" => {
            Kind::RdsParameterGroup(rds::parameter_group(body, header, true))
        }
        "AWS::CloudTrail::Trail" => Kind::CloudTrail(cloudtrail::trail(body, header)),
        "AWS::GuardDuty::Detector" => Kind::GuardDutyDetector(guardduty::detector(body, header)),
        "AWS::SecurityHub::Hub" => Kind::SecurityHub(security_hub::hub(body, header)),
        "AWS::SecurityHub::Standard" => {
            Kind::SecurityHubStandard(crate::model::aws::security_hub::Standard)
        }
        "AWS::S3::Bucket" => Kind::S3Bucket(s3::bucket(body, header)),
        "AWS::S3::BucketPolicy" => Kind::S3BucketPolicy(s3::bucket_policy(body, header)),
        _ => Kind::Other,
    }
}

#[cfg(test)]
mod tests;

//! `AWS::ElasticLoadBalancingV2::LoadBalancer` to [`LoadBalancer`],
//! `AWS::ElasticLoadBalancingV2::Listener` to [`Listener`], and [`target`]: what an ARN
//! property refers to.

use super::intrinsics::as_intrinsic;
use crate::adapt::read::{field, str_field};
use crate::model::aws::elb::{Action, Listener, LoadBalancer, Target, DEFAULT_SSL_POLICY};
use crate::model::{Format, Val};
use crate::parse::{Node, NodeKind};
use crate::source::Span;
use std::collections::HashSet;

/// A resource as the template writes it, for what resolution hides: which resource a `Ref` or
/// `Fn::GetAtt` names.
pub struct Raw<'a> {
    /// The resource's `Properties` before intrinsic functions are resolved.
    pub properties: Option<&'a Node>,
    /// The logical IDs of the template's resources.
    pub resources: &'a HashSet<&'a str>,
}

pub fn load_balancer(properties: &Node, header: Span) -> LoadBalancer {
    let internal = match field(Some(properties), "Scheme") {
        Some(scheme) => Val::from_node(scheme, "a scheme", |n| {
            n.as_str().map(|s| s.eq_ignore_ascii_case("internal"))
        }),
        None => Val::default(false, header),
    };
    LoadBalancer {
        lb_type: str_field(Some(properties), "Type")
            .unwrap_or_else(|| Val::default("application".to_string(), header)),
        internal,
        name: str_field(Some(properties), "Name"),
    }
}

pub fn listener(properties: &Node, raw: &Raw, header: Span) -> Listener {
    let protocol = str_field(Some(properties), "Protocol").map(|mut val| {
        if let Ok(text) = &mut val.value {
            *text = text.to_ascii_uppercase();
        }
        val
    });
    let ssl_policy = str_field(Some(properties), "SslPolicy").or_else(|| {
        let tls = protocol
            .as_ref()
            .and_then(Val::get)
            .is_some_and(|p| p == "HTTPS" || p == "TLS");
        tls.then(|| Val::default(DEFAULT_SSL_POLICY.to_string(), header))
    });
    Listener {
        protocol,
        ssl_policy,
        load_balancer: target(properties, raw, "LoadBalancerArn"),
        default_actions: default_actions(properties, header),
    }
}

fn default_actions(properties: &Node, header: Span) -> Val<Vec<Action>> {
    let Some(actions) = field(Some(properties), "DefaultActions") else {
        return Val::known(Vec::new(), header);
    };
    Val::from_node(actions, "a list of actions", |node| {
        let items = node.as_seq()?;
        // One unknown action hides what the listener does.
        if items.iter().any(|item| item.as_map().is_none()) {
            return None;
        }
        Some(
            items
                .iter()
                .map(|action| {
                    let redirect = field(Some(action), "RedirectConfig");
                    Action {
                        span: action.span,
                        action_type: str_field(Some(action), "Type").unwrap_or_else(|| {
                            Val::unknown("the action has no `Type`", action.span)
                        }),
                        redirect_protocol: redirect.map(|block| {
                            if block.is_unknown() {
                                return Val::from_str_node(block);
                            }
                            str_field(Some(block), "Protocol")
                                .map(|mut val| {
                                    if let Ok(text) = &mut val.value {
                                        *text = text.to_ascii_uppercase();
                                    }
                                    val
                                })
                                .unwrap_or_else(|| {
                                    Val::default("#{protocol}".to_string(), block.span)
                                })
                        }),
                    }
                })
                .collect(),
        )
    })
}

/// What the ARN property `key` refers to: a resource of the template through `Ref` or
/// `Fn::GetAtt` (read from the template as written, since the resolved value is unknown), a
/// literal ARN, or something that cannot be followed (a parameter without a value, an import,
/// an `Fn::If`).
pub fn target(properties: &Node, raw: &Raw, key: &str) -> Target {
    let Some(resolved) = field(Some(properties), key) else {
        return Target::Missing;
    };
    match &resolved.kind {
        NodeKind::Str(arn) => return Target::Arn(arn.clone()),
        NodeKind::Unknown(_) => {}
        _ => return Target::Unresolved,
    }
    let Some((function, argument)) = raw
        .properties
        .and_then(|r| r.get(key))
        .and_then(as_intrinsic)
    else {
        return Target::Unresolved;
    };
    let name = match (function, &argument.kind) {
        ("Ref", NodeKind::Str(name)) => Some(name.as_str()),
        ("Fn::GetAtt", NodeKind::Str(text)) => text.split_once('.').map(|(name, _)| name),
        ("Fn::GetAtt", NodeKind::Seq(items)) => items.first().and_then(Node::as_str),
        _ => None,
    };
    // A `Ref` to a parameter without a value is no resource: it may be any ARN.
    match name {
        Some(name) if raw.resources.contains(name) => Target::Resource {
            format: Format::CloudFormation,
            address: name.to_string(),
            file: resolved.span.file,
        },
        _ => Target::Unresolved,
    }
}

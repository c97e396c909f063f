//! `aws_lb` / `aws_alb` to [`LoadBalancer`], `aws_lb_listener` / `aws_alb_listener` to
//! [`Listener`], and [`target`]: what an ARN attribute refers to.

use crate::adapt::read::{bool_field, field, str_field};
use crate::model::aws::elb::{Action, Listener, LoadBalancer, Target, DEFAULT_SSL_POLICY};
use crate::model::{Format, Val};
use crate::parse::{Node, NodeKind};
use crate::source::Span;

pub fn load_balancer(body: &Node, header: Span) -> LoadBalancer {
    LoadBalancer {
        lb_type: str_field(Some(body), "load_balancer_type")
            .unwrap_or_else(|| Val::default("application".to_string(), header)),
        internal: bool_field(Some(body), "internal").unwrap_or_else(|| Val::default(false, header)),
        name: str_field(Some(body), "name"),
    }
}

pub fn listener(body: &Node, header: Span) -> Listener {
    let protocol = str_field(Some(body), "protocol").map(upper);
    let ssl_policy = str_field(Some(body), "ssl_policy").or_else(|| {
        let tls = protocol
            .as_ref()
            .and_then(Val::get)
            .is_some_and(|p| p == "HTTPS" || p == "TLS");
        tls.then(|| Val::default(DEFAULT_SSL_POLICY.to_string(), header))
    });
    Listener {
        protocol,
        ssl_policy,
        load_balancer: target(field(Some(body), "load_balancer_arn")),
        default_actions: default_actions(body, header),
    }
}

/// Every `default_action` block (repeated entries in the normalized body).
fn default_actions(body: &Node, header: Span) -> Val<Vec<Action>> {
    let Some(entries) = body.as_map() else {
        return Val::from_node(body, "a block", |_| None);
    };
    if let Some(dynamic) = dynamic_block(body) {
        return Val::unknown("`dynamic` blocks may add default actions", dynamic);
    }
    let mut actions = Vec::new();
    for entry in entries.iter().filter(|e| e.key == "default_action") {
        let action = &entry.value;
        if action.is_unknown() {
            return Val::from_node(action, "a block", |_| None);
        }
        let redirect = field(Some(action), "redirect");
        actions.push(Action {
            span: entry.key_span,
            action_type: str_field(Some(action), "type")
                .unwrap_or_else(|| Val::unknown("the action has no `type`", entry.key_span)),
            redirect_protocol: redirect.map(|block| {
                if block.is_unknown() {
                    return Val::from_str_node(block);
                }
                str_field(Some(block), "protocol")
                    .map(upper)
                    .unwrap_or_else(|| Val::default("#{protocol}".to_string(), block.span))
            }),
        });
    }
    Val::known(actions, header)
}

/// The first `dynamic` block of a body. Its blocks are only known once `for_each` is, and the
/// evaluated body does not say which block type it generates, so whatever blocks it could
/// add are unknown.
pub(super) fn dynamic_block(body: &Node) -> Option<Span> {
    body.entry("dynamic").map(|entry| entry.key_span)
}

fn upper(mut val: Val<String>) -> Val<String> {
    if let Ok(text) = &mut val.value {
        *text = text.to_ascii_uppercase();
    }
    val
}

/// What an ARN attribute refers to. A reference to another resource (`aws_lb.web.arn`) is
/// unknown to the evaluator, which names the reference in its reason
/// ("`aws_lb.web.arn` is only known after apply"); that name is the resource's address. Data
/// sources, module outputs, variables without a value and plan values known only after apply
/// cannot be followed.
pub fn target(node: Option<&Node>) -> Target {
    let Some(node) = node else {
        return Target::Missing;
    };
    match &node.kind {
        NodeKind::Str(arn) => Target::Arn(arn.clone()),
        NodeKind::Unknown(reason) => {
            reference_address(reason).map_or(Target::Unresolved, |address| Target::Resource {
                format: Format::Terraform,
                address,
                file: node.span.file,
            })
        }
        _ => Target::Unresolved,
    }
}

/// `aws_lb.web` out of "`aws_lb.web[…].arn` is only known after apply".
fn reference_address(reason: &str) -> Option<String> {
    let reference = reason
        .strip_prefix('`')?
        .strip_suffix("` is only known after apply")?;
    let mut parts = reference.split('.');
    let resource_type = parts.next()?;
    let name = parts.next()?;
    let name = name.split('[').next()?;
    let is_resource_type = resource_type.contains('_')
        && resource_type
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let is_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (is_resource_type && is_name).then(|| format!("{resource_type}.{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_resources() {
        assert_eq!(
            reference_address("`aws_lb.web.arn` is only known after apply").as_deref(),
            Some("aws_lb.web")
        );
        assert_eq!(
            reference_address("`aws_lb.web[…].arn` is only known after apply").as_deref(),
            Some("aws_lb.web")
        );
        assert_eq!(
            reference_address("`data.aws_lb.web.arn` is only known after apply"),
            None
        );
        assert_eq!(
            reference_address("`module.alb.arn` is only known after apply"),
            None
        );
        assert_eq!(
            reference_address("known only after apply (the plan's `after_unknown`)"),
            None
        );
    }
}

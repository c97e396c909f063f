//! Reading typed values out of an evaluated tree, shared by all adapters.
//!
//! An absent key and an explicit `null` (also CloudFormation's `!Ref AWS::NoValue`) both mean
//! "not set", so both give `None`.

use crate::model::Val;
use crate::parse::{Entry, Node};
use crate::source::Span;

/// The value under `key`, unless absent or null.
pub fn field<'a>(node: Option<&'a Node>, key: &str) -> Option<&'a Node> {
    node?.get(key).filter(|value| !value.is_null())
}

pub fn bool_field(node: Option<&Node>, key: &str) -> Option<Val<bool>> {
    field(node, key).map(Val::from_bool_node)
}

pub fn str_field(node: Option<&Node>, key: &str) -> Option<Val<String>> {
    field(node, key).map(Val::from_str_node)
}

pub fn str_list_field(node: Option<&Node>, key: &str) -> Option<Val<Vec<Val<String>>>> {
    field(node, key).map(Val::from_str_list_node)
}

/// The span of `key` in `node` (the key itself, one line), or `fallback` when absent: where a
/// default for a setting inside that block is reported.
pub fn key_span_or(node: Option<&Node>, key: &str, fallback: Span) -> Span {
    node.and_then(|n| n.entry(key))
        .map_or(fallback, |entry: &Entry| entry.key_span)
}

/// A string field's text, when known.
pub fn str_value<'a>(node: Option<&'a Node>, key: &str) -> Option<&'a str> {
    field(node, key)?.as_str()
}

//! `count` and `for_each`: one resource or module block, many instances.
//!
//! Each instance gets Terraform's address suffix (`[0]`, `["a"]`) and the binding its body sees
//! (`count.index`, `each.key`, `each.value`). `count = 0` or an empty `for_each` gives no
//! instance, so a switched-off resource or module deploys nothing and is not reported. A count
//! or collection that cannot be known gives one instance whose `count`/`each` values are
//! unknown: the resource is still checked on everything that does not depend on them, and is
//! never dropped. That instance is addressed `[*]`, meaning "each instance".

use hcl_edit::structure::Body;

use super::eval::Evaluator;
use crate::parse::{Entry, Node, NodeKind, Via};
use crate::source::{FileId, Span};

/// More instances than this of one block are not analysed one by one (a notice says so).
pub const MAX_INSTANCES: usize = 1000;

pub struct Instance {
    /// The address suffix: empty, `[0]`, `["a"]` or `[*]`.
    pub suffix: String,
    /// `count` or `each`, and its value, bound while the instance's body is evaluated.
    pub binding: Option<(&'static str, Node)>,
    /// The `for_each` key or `count` index, for a module's outputs.
    pub key: Key,
}

#[derive(Clone, PartialEq)]
pub enum Key {
    Single,
    Index(usize),
    Name(String),
    Unknown,
}

pub struct Instances {
    pub list: Vec<Instance>,
    /// Set when the block has more than [`MAX_INSTANCES`] instances: where, and how many.
    pub truncated: Option<(Span, usize)>,
}

/// The instances a block's `count` or `for_each` asks for, evaluated in the caller's scope.
pub fn expand(evaluator: &Evaluator, body: &Body, file: FileId) -> Instances {
    let mut instances = Instances {
        list: Vec::new(),
        truncated: None,
    };
    if let Some(count) = body.get_attribute("count") {
        let value = evaluator.expr(&count.value, file);
        let number = match &value.kind {
            NodeKind::Number(n) => Some(*n),
            NodeKind::Str(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        };
        match number.filter(|n| n.is_finite() && *n >= 0.0) {
            Some(n) => {
                let n = n as usize;
                if n > MAX_INSTANCES {
                    instances.truncated = Some((value.span, n));
                }
                for index in 0..n.min(MAX_INSTANCES) {
                    let index_node = Node::new(value.span, NodeKind::Number(index as f64));
                    instances.list.push(Instance {
                        suffix: format!("[{index}]"),
                        binding: Some(("count", object(value.span, [("index", index_node)]))),
                        key: Key::Index(index),
                    });
                }
            }
            None => instances.list.push(unknown_instance("count", value.span)),
        }
    } else if let Some(for_each) = body.get_attribute("for_each") {
        let value = evaluator.expr(&for_each.value, file);
        match elements(&value) {
            Some(elements) => {
                if elements.len() > MAX_INSTANCES {
                    instances.truncated = Some((value.span, elements.len()));
                }
                for (key, key_span, mut element) in elements.into_iter().take(MAX_INSTANCES) {
                    // The element, then where the whole collection came from.
                    let mut via = vec![Via {
                        span: element.span,
                        note: format!("the value comes from the for_each element {key:?}"),
                    }];
                    via.extend(value.via.iter().cloned());
                    via.append(&mut element.via);
                    element.via = via;
                    let key_node = Node::new(key_span, NodeKind::Str(key.clone()));
                    instances.list.push(Instance {
                        suffix: format!("[{key:?}]"),
                        binding: Some((
                            "each",
                            object(value.span, [("key", key_node), ("value", element)]),
                        )),
                        key: Key::Name(key),
                    });
                }
            }
            None => instances.list.push(unknown_instance("each", value.span)),
        }
    } else {
        instances.list.push(Instance {
            suffix: String::new(),
            binding: None,
            key: Key::Single,
        });
    }
    instances
}

/// A `for_each` collection's elements by key, sorted by key as Terraform orders instances: a
/// map's entries, or a set of strings (each key is its own value). `None` when not known.
fn elements(value: &Node) -> Option<Vec<(String, Span, Node)>> {
    let mut elements: Vec<(String, Span, Node)> = match &value.kind {
        NodeKind::Map(entries) => entries
            .iter()
            .map(|entry| (entry.key.clone(), entry.key_span, entry.value.clone()))
            .collect(),
        NodeKind::Seq(items) => items
            .iter()
            .map(|item| {
                let key = match &item.kind {
                    NodeKind::Str(s) => s.clone(),
                    NodeKind::Number(n) => n.to_string(),
                    _ => return None,
                };
                let mut element = item.clone();
                element.kind = NodeKind::Str(key.clone());
                Some((key, item.span, element))
            })
            .collect::<Option<_>>()?,
        _ => return None,
    };
    // Later duplicates win in a map literal; a set holds each string once.
    elements.reverse();
    elements.sort_by(|a, b| a.0.cmp(&b.0));
    elements.dedup_by(|a, b| a.0 == b.0);
    Some(elements)
}

/// The one instance standing for a count or collection that is not known.
fn unknown_instance(binding: &'static str, span: Span) -> Instance {
    let reason = format!("`{binding}` is not known before apply");
    let value = match binding {
        "count" => object(span, [("index", Node::unknown(span, &reason))]),
        _ => object(
            span,
            [
                ("key", Node::unknown(span, &reason)),
                ("value", Node::unknown(span, &reason)),
            ],
        ),
    };
    Instance {
        suffix: "[*]".to_string(),
        binding: Some((binding, value)),
        key: Key::Unknown,
    }
}

fn object<const N: usize>(span: Span, fields: [(&str, Node); N]) -> Node {
    let entries = fields
        .into_iter()
        .map(|(key, value)| Entry {
            key: key.to_string(),
            key_span: span,
            value,
        })
        .collect();
    Node::new(span, NodeKind::Map(entries))
}

/// Evaluates `evaluate` with the instance's `count` or `each` in scope.
pub fn within<T>(evaluator: &Evaluator, instance: &Instance, evaluate: impl FnOnce() -> T) -> T {
    match &instance.binding {
        Some((name, value)) => evaluator.bind(name, value.clone(), evaluate),
        None => evaluate(),
    }
}

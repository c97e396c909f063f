//! `for` expressions: `[for v in xs : f(v) if cond]`, `{for k, v in m : k => v}` and the
//! grouping form `{for v in xs : v.key => v...}`.
//!
//! A list is iterated with its indexes, a map in key order (as Terraform does). An unknown
//! collection, condition or key makes the whole result unknown, since even its length is not
//! known; an unknown element only makes its own result unknown.

use hcl_edit::expr::ForExpr;

use super::super::functions::convert::{to_bool, to_text};
use super::super::functions::{lift, too_large, MAX_ELEMENTS};
use super::Evaluator;
use crate::parse::{Entry, Node, NodeKind};
use crate::source::{FileId, Span};

/// The (key, value) pairs a `for` iterates over: list index and element, or map key and value.
pub(super) fn iteration_pairs(collection: &Node) -> Result<Vec<(Node, Node)>, String> {
    match &collection.kind {
        NodeKind::Seq(items) => Ok(items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let key = Node::new(item.span, NodeKind::Number(index as f64));
                (key, lift(item, collection))
            })
            .collect()),
        NodeKind::Map(entries) => Ok(super::super::functions::convert::unique_entries(entries)
            .into_iter()
            .map(|entry| {
                let key = Node::new(entry.key_span, NodeKind::Str(entry.key.clone()));
                (key, lift(&entry.value, collection))
            })
            .collect()),
        NodeKind::Null => Err("a `for` over a null value".to_string()),
        _ => Err(format!(
            "a `for` over a {}, not a collection",
            collection.type_name()
        )),
    }
}

/// What one element of a `for` contributes.
enum Step {
    Skip,
    Item(Node),
    Entry(String, Span, Node),
    /// The whole result is this (unknown or an error).
    Stop(Node),
}

impl Evaluator<'_> {
    pub(super) fn for_expr(&self, for_expr: &ForExpr, span: Span, file: FileId) -> Node {
        let collection = self.expr(&for_expr.intro.collection_expr, file);
        if let NodeKind::Unknown(reason) = &collection.kind {
            return Node {
                span,
                kind: NodeKind::Unknown(reason.clone()),
                via: collection.via,
            };
        }
        let pairs = match iteration_pairs(&collection) {
            Ok(pairs) => pairs,
            Err(error) => return self.error(span, error),
        };
        let key_name = for_expr.intro.key_var.as_ref().map(|k| k.as_str());
        let value_name = for_expr.intro.value_var.as_str();

        let mut items = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        for (key, value) in pairs {
            if !self.spend(1) {
                return self.exhausted(span);
            }
            let mut names = vec![(value_name.to_string(), value)];
            if let Some(key_name) = key_name {
                names.push((key_name.to_string(), key));
            }
            match self.with_bindings(names, || self.for_step(for_expr, span, file)) {
                Step::Skip => {}
                Step::Item(item) => items.push(item),
                Step::Entry(key, key_span, value) => {
                    let existing = entries.iter_mut().find(|entry| entry.key == key);
                    match (existing, for_expr.grouping) {
                        (Some(entry), true) => {
                            if let NodeKind::Seq(group) = &mut entry.value.kind {
                                group.push(value);
                            }
                        }
                        (Some(_), false) => {
                            let reason = format!(
                                "the `for` gives the key {key:?} twice (add `...` to group)"
                            );
                            return self.error(span, reason);
                        }
                        (None, grouping) => entries.push(Entry {
                            key,
                            key_span,
                            value: if grouping {
                                Node::new(span, NodeKind::Seq(vec![value]))
                            } else {
                                value
                            },
                        }),
                    }
                }
                Step::Stop(node) => return node,
            }
            if items.len() + entries.len() > MAX_ELEMENTS {
                return Node::unknown(span, too_large("for"));
            }
        }
        let kind = if for_expr.key_expr.is_some() {
            entries.sort_by(|a, b| a.key.cmp(&b.key));
            NodeKind::Map(entries)
        } else {
            NodeKind::Seq(items)
        };
        Node {
            span,
            kind,
            via: collection.via,
        }
    }

    /// One element: its condition, then its key and value.
    fn for_step(&self, for_expr: &ForExpr, span: Span, file: FileId) -> Step {
        if let Some(condition) = &for_expr.cond {
            let keep = self.expr(&condition.expr, file);
            if let NodeKind::Unknown(reason) = &keep.kind {
                return Step::Stop(Node::unknown(span, reason.clone()));
            }
            match to_bool(&keep) {
                Ok(false) => return Step::Skip,
                Ok(true) => {}
                Err(error) => {
                    return Step::Stop(self.error(span, format!("a `for` condition: {error}")))
                }
            }
        }
        let value = self.expr(&for_expr.value_expr, file);
        let Some(key_expr) = &for_expr.key_expr else {
            return Step::Item(value);
        };
        let key = self.expr(key_expr, file);
        if let NodeKind::Unknown(reason) = &key.kind {
            return Step::Stop(Node::unknown(span, reason.clone()));
        }
        match to_text(&key) {
            Ok(text) => Step::Entry(text, key.span, value),
            Err(error) => Step::Stop(self.error(span, format!("a `for` key: {error}"))),
        }
    }
}

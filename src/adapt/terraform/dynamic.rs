//! `dynamic` blocks, expanded into the nested blocks they generate.
//!
//! `dynamic "encryption_config" { for_each = ..., content { ... } }` becomes one
//! `encryption_config` entry per element of `for_each`, with `content` evaluated while the
//! iterator (`encryption_config`, or the name given by `iterator`) is bound to `{ key, value }`.
//! The result looks exactly like written-out blocks, so adapters need not know the difference.
//! An empty collection generates no block; one that is not known generates one block with an
//! unknown iterator, so that a block that will exist is never dropped.

use hcl_edit::expr::Expression;
use hcl_edit::structure::Block;

use super::eval::{span_of, Evaluator};
use crate::parse::{Entry, Node, NodeKind, Via};
use crate::source::FileId;

/// The blocks a `dynamic` block generates; `None` when `block` is not a `dynamic` block.
pub fn expand(evaluator: &Evaluator, block: &Block, file: FileId) -> Option<Vec<Entry>> {
    let ("dynamic", [label]) = (block.ident.as_str(), block.labels.as_slice()) else {
        return None;
    };
    let block_type = label.as_str();
    let header = span_of(&block.ident, file).to(span_of(label, file));
    let iterator = match block.body.get_attribute("iterator").map(|a| &a.value) {
        Some(Expression::Variable(name)) => name.as_str().to_string(),
        _ => block_type.to_string(),
    };
    let content = block.body.get_blocks("content").next();
    let Some(content) = content else {
        return Some(Vec::new());
    };
    let content_span = span_of(content, file);
    let collection = match block.body.get_attribute("for_each") {
        Some(for_each) => evaluator.expr(&for_each.value, file),
        None => return Some(Vec::new()),
    };
    let elements: Vec<(Node, Node)> = match &collection.kind {
        NodeKind::Map(entries) => entries
            .iter()
            .map(|entry| {
                let key = Node::new(entry.key_span, NodeKind::Str(entry.key.clone()));
                (key, element(&entry.value, &collection, block_type))
            })
            .collect(),
        NodeKind::Seq(items) => items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let key = Node::new(item.span, NodeKind::Number(index as f64));
                (key, element(item, &collection, block_type))
            })
            .collect(),
        _ => {
            let reason = format!("the elements of dynamic \"{block_type}\" are not known");
            vec![(
                Node::unknown(collection.span, &reason),
                Node::unknown(collection.span, &reason),
            )]
        }
    };
    let entries = elements
        .into_iter()
        .map(|(key, value)| {
            let bound = Node::new(
                collection.span,
                NodeKind::Map(vec![
                    Entry {
                        key: "key".to_string(),
                        key_span: key.span,
                        value: key,
                    },
                    Entry {
                        key: "value".to_string(),
                        key_span: value.span,
                        value,
                    },
                ]),
            );
            let body = evaluator.bind(&iterator, bound, || {
                evaluator.body(&content.body, content_span, file)
            });
            Entry {
                key: block_type.to_string(),
                key_span: header,
                value: body,
            }
        })
        .collect();
    Some(entries)
}

/// One element of the collection, remembering the collection's history and which element it is.
fn element(item: &Node, collection: &Node, block_type: &str) -> Node {
    let mut value = item.clone();
    let mut via = vec![Via {
        span: item.span,
        note: format!(
            "the value comes from an element of the for_each of dynamic \"{block_type}\""
        ),
    }];
    via.extend(collection.via.iter().cloned());
    via.append(&mut value.via);
    value.via = via;
    value
}

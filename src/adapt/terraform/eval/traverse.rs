//! Attribute access, indexing and splats on evaluated values: `x.a`, `x["a"]`, `x[0]`,
//! `x.0`, `x[*].a`, `x.*.a`.
//!
//! A missing attribute, an index out of range or an attribute of a string is an evaluation
//! error (what `try` catches); anything applied to an unknown value is that unknown value,
//! keeping its reason. A splat maps the operators after it over a list; a single value is
//! treated as a list of one and null as an empty list, as in Terraform.

use hcl_edit::expr::TraversalOperator;
use hcl_edit::Decorated;

use super::super::functions::convert::{describe, number_text, to_number, to_text};
use super::super::functions::lift;
use super::Evaluator;
use crate::parse::{Node, NodeKind};
use crate::source::{FileId, Span};

impl Evaluator<'_> {
    /// Applies traversal operators to a value, left to right.
    pub(super) fn apply_operators(
        &self,
        mut value: Node,
        operators: &[Decorated<TraversalOperator>],
        span: Span,
        file: FileId,
    ) -> Node {
        let mut index = 0;
        while index < operators.len() {
            match operators[index].value() {
                TraversalOperator::FullSplat(_) => {
                    // Everything after a full splat applies to each element.
                    return self.splat(value, &operators[index + 1..], span, file);
                }
                TraversalOperator::AttrSplat(_) => {
                    // Only the attribute accesses right after `.*` apply to each element.
                    let end = operators[index + 1..]
                        .iter()
                        .position(|op| !matches!(op.value(), TraversalOperator::GetAttr(_)))
                        .map_or(operators.len(), |offset| index + 1 + offset);
                    value = self.splat(value, &operators[index + 1..end], span, file);
                    index = end;
                    continue;
                }
                TraversalOperator::GetAttr(name) => {
                    value = self.get_attr(value, name.as_str(), span);
                }
                TraversalOperator::Index(key) => {
                    let key = self.expr(key, file);
                    value = self.index(value, &key, span);
                }
                TraversalOperator::LegacyIndex(position) => {
                    let key = Node::new(span, NodeKind::Number(*position.value() as f64));
                    value = self.index(value, &key, span);
                }
            }
            index += 1;
        }
        value
    }

    fn splat(
        &self,
        value: Node,
        operators: &[Decorated<TraversalOperator>],
        span: Span,
        file: FileId,
    ) -> Node {
        let items = match &value.kind {
            NodeKind::Unknown(_) => return value,
            NodeKind::Null => Vec::new(),
            NodeKind::Seq(items) => items.iter().map(|item| lift(item, &value)).collect(),
            _ => vec![value.clone()],
        };
        let mut results = Vec::with_capacity(items.len());
        for item in items {
            if !self.spend(1) {
                return self.exhausted(span);
            }
            results.push(self.apply_operators(item, operators, span, file));
        }
        Node {
            span,
            kind: NodeKind::Seq(results),
            via: value.via,
        }
    }

    fn get_attr(&self, value: Node, name: &str, span: Span) -> Node {
        match &value.kind {
            NodeKind::Unknown(_) => value,
            NodeKind::Map(_) => match value.get(name) {
                Some(found) => lift(found, &value),
                None => self.error(span, format!("no attribute `{name}`")),
            },
            NodeKind::Null => self.error(span, format!("attribute `{name}` of a null value")),
            NodeKind::Seq(_) => self.error(
                span,
                format!("attribute `{name}` of a list (use `[*].{name}` or an index)"),
            ),
            _ => self.error(span, format!("attribute `{name}` of {}", describe(&value))),
        }
    }

    fn index(&self, value: Node, key: &Node, span: Span) -> Node {
        if value.is_unknown() {
            return value;
        }
        if let NodeKind::Unknown(reason) = &key.kind {
            return Node::unknown(span, reason.clone());
        }
        match &value.kind {
            NodeKind::Seq(items) => {
                let position = match to_number(key) {
                    Ok(n) if n.fract() == 0.0 && n >= 0.0 => n as usize,
                    Ok(n) => {
                        return self.error(span, format!("index {} is not valid", number_text(n)))
                    }
                    Err(error) => return self.error(span, format!("a list index: {error}")),
                };
                match items.get(position) {
                    Some(found) => lift(found, &value),
                    None => self.error(
                        span,
                        format!(
                            "index {position} is out of range for a list of {}",
                            items.len()
                        ),
                    ),
                }
            }
            NodeKind::Map(_) => {
                let name = match to_text(key) {
                    Ok(name) => name,
                    Err(error) => return self.error(span, format!("a map key: {error}")),
                };
                match value.get(&name) {
                    Some(found) => lift(found, &value),
                    None => self.error(span, format!("no key {name:?}")),
                }
            }
            NodeKind::Null => self.error(span, "an index into a null value"),
            _ => self.error(span, format!("an index into {}", describe(&value))),
        }
    }
}

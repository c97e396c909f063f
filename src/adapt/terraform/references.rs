//! References other than `var.*` and `local.*`: what each root name means.
//!
//! - `count.index`, `each.key`, `each.value` and a `dynamic` block's iterator: the values bound
//!   for the instance or block being evaluated.
//! - `module.NAME`: the called module's outputs, when that module was evaluated.
//! - `path.module`: the module's directory.
//! - Anything else (`aws_kms_key.k.arn`, `data.aws_iam_role.r.arn`, `self`): `None`, which the
//!   evaluator turns into an unknown value that is set. A KMS key given by reference *is* a KMS
//!   key; it only has no value before apply.

use super::eval::Evaluator;
use crate::parse::{Node, NodeKind};
use crate::source::Span;

/// The value of `root.attribute` used at `span`, or `None` when only known after apply.
pub fn lookup(evaluator: &Evaluator, root: &str, attribute: &str, span: Span) -> Option<Node> {
    if let Some(bound) = evaluator.bound(root) {
        return Some(match bound.get(attribute) {
            Some(found) => {
                let mut value = found.clone();
                let mut via = bound.via.clone();
                via.append(&mut value.via);
                value.via = via;
                value
            }
            None => Node::unknown(span, format!("`{root}` has no attribute `{attribute}`")),
        });
    }
    match root {
        "count" | "each" => Some(Node::unknown(
            span,
            format!("`{root}.{attribute}` is used outside a block with `{root}`"),
        )),
        "module" => Some(match evaluator.scope.modules {
            Some(modules) => modules.output(evaluator, attribute, span),
            None => Node::unknown(span, format!("module `{attribute}` is not evaluated")),
        }),
        "path" if attribute == "module" => {
            let dir = &evaluator.scope.module_dir;
            let dir = if dir.is_empty() { "." } else { dir };
            Some(Node::new(span, NodeKind::Str(dir.to_string())))
        }
        _ => None,
    }
}

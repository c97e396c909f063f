//! Function calls: argument evaluation (with `f(list...)` expansion), `try` and `can`, which
//! look at how their arguments evaluate, and everything else through [`functions::call`].
//!
//! Terraform's `try` returns the first argument that evaluates without an error; but if an
//! argument depends on a value not known yet, the whole `try` is unknown, because that value
//! might still make it fail. `can` is the same question as a boolean.

use hcl_edit::expr::FuncCall;

use super::super::functions::convert::{first_unknown, wholly_known};
use super::super::functions::{self, relocate};
use super::{weight, Evaluator};
use crate::parse::{Node, NodeKind};
use crate::source::{FileId, Span};

/// How one argument of `try` or `can` evaluated.
enum Attempt {
    Value(Node),
    Failed,
    /// It depends on something unknown: the answer is not known.
    Unknown(Node),
}

impl Evaluator<'_> {
    pub(super) fn call(&self, call: &FuncCall, span: Span, file: FileId) -> Node {
        let name = call.name.name.as_str();
        if call.name.is_namespaced() {
            let namespace: Vec<&str> = call.name.namespace.iter().map(|n| n.as_str()).collect();
            let full = format!("{}::{name}", namespace.join("::"));
            return Node::unknown(
                span,
                format!("the provider function `{full}` is not evaluated"),
            );
        }
        match name {
            "try" => return self.try_call(call, span, file),
            "can" => return self.can_call(call, span, file),
            _ => {}
        }
        let mut args: Vec<Node> = call.args.iter().map(|arg| self.expr(arg, file)).collect();
        if call.args.expand_final() {
            match args.pop() {
                Some(last) => match &last.kind {
                    NodeKind::Seq(items) => args.extend(items.iter().cloned()),
                    NodeKind::Unknown(_) => return relocate(last, span),
                    _ => {
                        let reason = format!("`{name}(...)`: only a list can be expanded");
                        return self.error(span, reason);
                    }
                },
                None => return self.error(span, format!("`{name}(...)` has no argument")),
            }
        }
        if !self.spend(functions::fixed_cost(name)) {
            return self.exhausted(span);
        }
        if name == "templatefile" {
            return self.templatefile(&args, span);
        }
        match functions::call(name, &args, span, &self.scope.files) {
            Ok(node) if self.spend(weight(&node)) => node,
            Ok(_) => self.exhausted(span),
            Err(error) => self.error(span, error),
        }
    }

    /// Evaluates one argument of `try` or `can`, leaving the error count as it was.
    fn attempt(&self, arg: &hcl_edit::expr::Expression, file: FileId) -> Attempt {
        let (errors, unknown_refs) = (self.errors.get(), self.unknown_refs.get());
        let value = self.expr(arg, file);
        let failed = self.errors.get() > errors;
        let depends_on_unknown = self.unknown_refs.get() > unknown_refs;
        self.errors.set(errors);
        if depends_on_unknown {
            return Attempt::Unknown(value);
        }
        // Restore the count of unknown references: a `try` that settles is known.
        self.unknown_refs.set(unknown_refs);
        if failed {
            Attempt::Failed
        } else {
            Attempt::Value(value)
        }
    }

    fn try_call(&self, call: &FuncCall, span: Span, file: FileId) -> Node {
        if call.args.is_empty() {
            return self.error(span, "`try` needs at least one argument");
        }
        for arg in call.args.iter() {
            match self.attempt(arg, file) {
                Attempt::Value(value) => return relocate(value, span),
                Attempt::Failed => continue,
                Attempt::Unknown(value) => {
                    let reason = first_unknown(&value)
                        .unwrap_or("`try` depends on a value that is not known")
                        .to_string();
                    return Node {
                        span,
                        kind: NodeKind::Unknown(reason),
                        via: value.via,
                    };
                }
            }
        }
        self.error(span, "no argument of `try` could be evaluated")
    }

    fn can_call(&self, call: &FuncCall, span: Span, file: FileId) -> Node {
        let [arg] = call.args.iter().collect::<Vec<_>>()[..] else {
            return self.error(span, "`can` takes 1 argument");
        };
        match self.attempt(arg, file) {
            Attempt::Failed => Node::new(span, NodeKind::Bool(false)),
            // A value this evaluator could not compute might still have failed in Terraform.
            Attempt::Value(value) if !wholly_known(&value) => {
                let reason = first_unknown(&value).unwrap_or("not known").to_string();
                Node::unknown(span, reason)
            }
            Attempt::Value(value) => Node {
                span,
                kind: NodeKind::Bool(true),
                via: value.via,
            },
            Attempt::Unknown(value) => {
                let reason = first_unknown(&value).unwrap_or("not known").to_string();
                Node::unknown(span, reason)
            }
        }
    }
}

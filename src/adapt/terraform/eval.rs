//! Evaluating Terraform expressions into spanned [`Node`]s.
//!
//! Values are computed where Terraform would know them before `apply`: literals, collections,
//! string templates, input variables (their defaults), locals, conditionals and boolean logic.
//! Everything else (resource attributes, data sources, functions not implemented yet) becomes
//! [`NodeKind::Unknown`] with the reason, so no rule ever fires on a value it cannot see. A
//! value that came through a variable or a local remembers that place in [`Node::via`].
//!
//! We evaluate `hcl-edit`'s tree ourselves instead of `hcl::eval` because `hcl::eval` has no
//! notion of an unknown value: one unresolvable reference fails the whole expression, and a
//! value such as `{ key = aws_kms_key.k.arn, enabled = true }` would be lost entirely.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::structure::Body;
use hcl_edit::template::{Element, Template};

use crate::parse::{Entry, Node, NodeKind, Via};
use crate::source::{FileId, Span};

pub use super::inputs::Variable;
pub use super::modules::ModuleOutputs;

/// How deeply references (locals referring to locals) may chain before evaluation gives up;
/// it also breaks reference cycles.
const MAX_REFERENCE_DEPTH: usize = 64;

/// What one module instance declares and is given, that expressions can refer to.
#[derive(Default)]
pub struct Scope<'a> {
    /// Input variables: declaration (default, type) and the value given to this instance.
    pub variables: HashMap<String, Variable<'a>>,
    pub locals: HashMap<String, (&'a Expression, FileId)>,
    /// `module.NAME`: the outputs of the module calls, evaluated on demand.
    pub modules: Option<&'a dyn ModuleOutputs>,
    /// The module's directory as shown in reports, for `path.module`.
    pub module_dir: String,
}

pub struct Evaluator<'a> {
    pub(super) scope: &'a Scope<'a>,
    depth: Cell<usize>,
    /// Names bound while part of a body is evaluated, innermost last: `count` and `each` for a
    /// resource or module instance, a `dynamic` block's iterator.
    bindings: RefCell<Vec<(String, Node)>>,
}

pub fn span_of(item: &impl hcl_edit::Span, file: FileId) -> Span {
    let range = item.span().unwrap_or(0..0);
    Span::new(file, range.start, range.end)
}

impl<'a> Evaluator<'a> {
    pub fn new(scope: &'a Scope<'a>) -> Evaluator<'a> {
        Evaluator {
            scope,
            depth: Cell::new(0),
            bindings: RefCell::new(Vec::new()),
        }
    }

    /// Evaluates with `name` bound to `value` (`each`, `count`, a `dynamic` iterator).
    pub fn bind<T>(&self, name: &str, value: Node, evaluate: impl FnOnce() -> T) -> T {
        self.bindings.borrow_mut().push((name.to_string(), value));
        let result = evaluate();
        self.bindings.borrow_mut().pop();
        result
    }

    /// The innermost value bound to `name`.
    pub(super) fn bound(&self, name: &str) -> Option<Node> {
        let bindings = self.bindings.borrow();
        let (_, value) = bindings.iter().rev().find(|(bound, _)| bound == name)?;
        Some(value.clone())
    }

    /// A block body as a map: attributes by name, nested blocks by type (a block type that
    /// repeats appears once per block).
    pub fn body(&self, body: &Body, span: Span, file: FileId) -> Node {
        let mut entries = Vec::new();
        for attribute in body.attributes() {
            entries.push(Entry {
                key: attribute.key.as_str().to_string(),
                key_span: span_of(&attribute.key, file),
                value: self.expr(&attribute.value, file),
            });
        }
        for block in body.blocks() {
            if let Some(expanded) = super::dynamic::expand(self, block, file) {
                entries.extend(expanded);
                continue;
            }
            let block_span = span_of(block, file);
            entries.push(Entry {
                key: block.ident.as_str().to_string(),
                key_span: span_of(&block.ident, file),
                value: self.body(&block.body, block_span, file),
            });
        }
        entries.sort_by_key(|entry| entry.key_span.start);
        Node::new(span, NodeKind::Map(entries))
    }

    pub fn expr(&self, expr: &Expression, file: FileId) -> Node {
        let span = span_of(expr, file);
        let kind = match expr {
            Expression::Null(_) => NodeKind::Null,
            Expression::Bool(b) => NodeKind::Bool(*b.value()),
            Expression::Number(n) => NodeKind::Number(n.value().as_f64().unwrap_or(f64::NAN)),
            Expression::String(s) => NodeKind::Str(s.value().to_string()),
            Expression::Array(array) => {
                NodeKind::Seq(array.iter().map(|item| self.expr(item, file)).collect())
            }
            Expression::Object(object) => {
                let mut entries = Vec::new();
                for (key, value) in object.iter() {
                    let key_text = match key {
                        ObjectKey::Ident(ident) => Some(ident.as_str().to_string()),
                        ObjectKey::Expression(key_expr) => {
                            self.expr(key_expr, file).as_str().map(str::to_string)
                        }
                    };
                    let Some(key_text) = key_text else {
                        return Node::unknown(span, "an object with a computed key");
                    };
                    entries.push(Entry {
                        key: key_text,
                        key_span: span_of(key, file),
                        value: self.expr(value.expr(), file),
                    });
                }
                NodeKind::Map(entries)
            }
            Expression::StringTemplate(template) => return self.template(template, span, file),
            Expression::HeredocTemplate(heredoc) => {
                return self.template(&heredoc.template, span, file)
            }
            Expression::Parenthesis(inner) => {
                let mut node = self.expr(inner.inner(), file);
                node.span = span;
                return node;
            }
            Expression::Conditional(conditional) => {
                let condition = self.expr(&conditional.cond_expr, file);
                let chosen = match condition.as_bool() {
                    Some(true) => &conditional.true_expr,
                    Some(false) => &conditional.false_expr,
                    None => return Node::unknown(span, "a condition that is not known"),
                };
                let mut node = self.expr(chosen, file);
                node.via.extend(condition.via);
                return node;
            }
            Expression::UnaryOp(op) => {
                let operand = self.expr(&op.expr, file);
                let kind = match (op.operator.value(), &operand.kind) {
                    (UnaryOperator::Not, NodeKind::Bool(b)) => NodeKind::Bool(!b),
                    (UnaryOperator::Neg, NodeKind::Number(n)) => NodeKind::Number(-n),
                    _ => return Node::unknown(span, "an operation on an unknown value"),
                };
                return Node {
                    span,
                    kind,
                    via: operand.via,
                };
            }
            Expression::BinaryOp(op) => return self.binary(op, span, file),
            Expression::Traversal(traversal) => {
                return self.traversal(&traversal.expr, &traversal.operators, span, file)
            }
            Expression::Variable(name) => {
                return Node::unknown(span, format!("`{}` is not a value", name.as_str()))
            }
            Expression::FuncCall(call) => {
                return Node::unknown(
                    span,
                    format!(
                        "the function `{}` is not evaluated",
                        call.name.name.as_str()
                    ),
                )
            }
            Expression::ForExpr(_) => return Node::unknown(span, "a for expression"),
        };
        Node::new(span, kind)
    }

    fn template(&self, template: &Template, span: Span, file: FileId) -> Node {
        let mut text = String::new();
        let mut via = Vec::new();
        for element in template.iter() {
            match element {
                Element::Literal(literal) => text.push_str(literal.value()),
                Element::Interpolation(interpolation) => {
                    let value = self.expr(&interpolation.expr, file);
                    match &value.kind {
                        NodeKind::Str(s) => text.push_str(s),
                        NodeKind::Number(n) => text.push_str(&n.to_string()),
                        NodeKind::Bool(b) => text.push_str(&b.to_string()),
                        _ => return Node::unknown(span, "a template with unknown parts"),
                    }
                    via.extend(value.via);
                }
                Element::Directive(_) => {
                    return Node::unknown(span, "a template directive");
                }
            }
        }
        Node {
            span,
            kind: NodeKind::Str(text),
            via,
        }
    }

    fn binary(&self, op: &hcl_edit::expr::BinaryOp, span: Span, file: FileId) -> Node {
        let lhs = self.expr(&op.lhs_expr, file);
        let rhs = self.expr(&op.rhs_expr, file);
        let known = !lhs.is_unknown() && !rhs.is_unknown();
        let kind = match (op.operator.value(), &lhs.kind, &rhs.kind) {
            (BinaryOperator::Eq, _, _) if known => NodeKind::Bool(same_value(&lhs, &rhs)),
            (BinaryOperator::NotEq, _, _) if known => NodeKind::Bool(!same_value(&lhs, &rhs)),
            (BinaryOperator::And, NodeKind::Bool(a), NodeKind::Bool(b)) => NodeKind::Bool(*a && *b),
            (BinaryOperator::Or, NodeKind::Bool(a), NodeKind::Bool(b)) => NodeKind::Bool(*a || *b),
            // `false && x` and `true || x` do not depend on x.
            (BinaryOperator::And, NodeKind::Bool(false), _)
            | (BinaryOperator::And, _, NodeKind::Bool(false)) => NodeKind::Bool(false),
            (BinaryOperator::Or, NodeKind::Bool(true), _)
            | (BinaryOperator::Or, _, NodeKind::Bool(true)) => NodeKind::Bool(true),
            _ => return Node::unknown(span, "an operation that is not evaluated"),
        };
        let mut via = lhs.via;
        via.extend(rhs.via);
        Node { span, kind, via }
    }

    fn traversal(
        &self,
        root: &Expression,
        operators: &[hcl_edit::Decorated<TraversalOperator>],
        span: Span,
        file: FileId,
    ) -> Node {
        let Expression::Variable(root_name) = root else {
            return Node::unknown(span, "an index into a computed value");
        };
        let Some(TraversalOperator::GetAttr(first)) = operators.first().map(|op| op.value()) else {
            return Node::unknown(span, format!("a reference to `{}`", root_name.as_str()));
        };
        let name = first.as_str();
        let mut value = match root_name.as_str() {
            "var" => self.variable(name, span),
            "local" => self.local(name, span),
            other => match super::references::lookup(self, other, name, span) {
                Some(value) => value,
                None => {
                    let reference = reference_text(other, operators);
                    return Node::unknown(span, format!("`{reference}` is only known after apply"));
                }
            },
        };
        for operator in &operators[1..] {
            value = match operator.value() {
                TraversalOperator::GetAttr(key) => select(value, key.as_str(), span),
                TraversalOperator::Index(index) => {
                    let index = self.expr(index, file);
                    match (&index.kind, &value.kind) {
                        (NodeKind::Number(i), NodeKind::Seq(_)) => select_index(value, *i, span),
                        (NodeKind::Str(key), NodeKind::Map(_)) => select(value, key, span),
                        _ => Node::unknown(span, "an index that is not known"),
                    }
                }
                TraversalOperator::LegacyIndex(i) => select_index(value, *i.value() as f64, span),
                _ => Node::unknown(span, "a splat expression"),
            };
        }
        value.span = span;
        value
    }

    fn variable(&self, name: &str, span: Span) -> Node {
        super::inputs::variable(self, name, span)
    }

    fn local(&self, name: &str, span: Span) -> Node {
        match self.scope.locals.get(name) {
            None => Node::unknown(span, format!("local `{name}` is not declared")),
            Some((expr, file)) => self.referenced(
                expr,
                *file,
                span,
                format!("the value comes from local value `{name}`"),
            ),
        }
    }

    /// The value of a declaration's expression, used at `span`, remembering the declaration.
    pub(super) fn referenced(
        &self,
        expr: &Expression,
        file: FileId,
        span: Span,
        note: String,
    ) -> Node {
        let mut value = self.nested(|| self.expr(expr, file), span);
        value.via.insert(
            0,
            Via {
                span: span_of(expr, file),
                note,
            },
        );
        value
    }

    /// Evaluates a referenced expression, refusing chains so deep they must be cycles.
    fn nested(&self, evaluate: impl FnOnce() -> Node, span: Span) -> Node {
        if self.depth.get() >= MAX_REFERENCE_DEPTH {
            return Node::unknown(span, "a reference cycle");
        }
        self.depth.set(self.depth.get() + 1);
        let value = evaluate();
        self.depth.set(self.depth.get() - 1);
        value
    }
}

fn select(value: Node, key: &str, span: Span) -> Node {
    match &value.kind {
        NodeKind::Map(_) => match value.get(key) {
            Some(found) => with_history(found.clone(), &value),
            None => Node::unknown(span, format!("no attribute `{key}`")),
        },
        _ => Node::unknown(span, "an attribute of an unknown value"),
    }
}

fn select_index(value: Node, index: f64, span: Span) -> Node {
    match value.as_seq().and_then(|items| items.get(index as usize)) {
        Some(found) if index >= 0.0 => with_history(found.clone(), &value),
        _ => Node::unknown(span, "an index that is not known"),
    }
}

fn with_history(mut part: Node, whole: &Node) -> Node {
    let mut via = whole.via.clone();
    via.append(&mut part.via);
    part.via = via;
    part
}

fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        (NodeKind::Str(x), NodeKind::Str(y)) => x == y,
        (NodeKind::Number(x), NodeKind::Number(y)) => x == y,
        (NodeKind::Bool(x), NodeKind::Bool(y)) => x == y,
        (NodeKind::Null, NodeKind::Null) => true,
        (NodeKind::Seq(x), NodeKind::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b))
        }
        (NodeKind::Map(x), NodeKind::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|e| {
                    y.iter()
                        .any(|f| f.key == e.key && same_value(&e.value, &f.value))
                })
        }
        _ => false,
    }
}

/// `aws_kms_key.k.arn`, for messages.
fn reference_text(root: &str, operators: &[hcl_edit::Decorated<TraversalOperator>]) -> String {
    let mut text = root.to_string();
    for operator in operators {
        match operator.value() {
            TraversalOperator::GetAttr(key) => {
                text.push('.');
                text.push_str(key.as_str());
            }
            _ => text.push_str("[…]"),
        }
    }
    text
}

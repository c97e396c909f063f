//! Evaluating Terraform expressions into spanned [`Node`]s.
//!
//! Values are computed where Terraform would know them before `apply`: literals, collections,
//! string templates and their `%{ if }` / `%{ for }` directives, input variables (their
//! defaults), locals, `path.*`, arithmetic, comparisons and logic with Terraform's conversions,
//! conditionals, `for` expressions, splats, indexing, and the built-in
//! [functions](super::functions). Everything else (resource attributes, data sources, functions
//! not implemented) becomes [`NodeKind::Unknown`] with the reason, so no rule ever fires on a
//! value it cannot see. A value that came through a variable or a local remembers that place in
//! [`Node::via`].
//!
//! An evaluation error (a wrong type, a missing key, an index out of range) is also unknown,
//! and is counted, so `try` and `can` can tell an error (try the next argument) from a value
//! that is merely not known yet (the whole `try` is unknown), as Terraform does. Evaluation is
//! bounded: reference chains by depth, and every module by a budget of evaluation steps, after
//! which values are unknown.
//!
//! We evaluate `hcl-edit`'s tree ourselves instead of `hcl::eval` because `hcl::eval` has no
//! notion of an unknown value: one unresolvable reference fails the whole expression, and a
//! value such as `{ key = aws_kms_key.k.arn, enabled = true }` would be lost entirely.

mod calls;
mod for_expr;
mod operators;
mod template;
mod traverse;

#[cfg(test)]
mod tests;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl_edit::structure::Body;

use super::functions::convert::{to_text, wholly_known};
use super::functions::{relocate, FileAccess};
use crate::parse::{Entry, Node, NodeKind, Via};
use crate::source::{FileId, Span};

pub use super::inputs::Variable;
pub use super::modules::ModuleOutputs;

/// How deeply references (locals referring to locals) may chain before evaluation gives up;
/// it also breaks reference cycles.
const MAX_REFERENCE_DEPTH: usize = 64;

/// How many expressions one module may evaluate (every element of a `for` counts) unless
/// `--eval-budget` says otherwise: enough for any real configuration, and a bound on
/// deliberately explosive ones.
pub const DEFAULT_EVALUATION_BUDGET: u64 = 400_000;

/// The budget every module starts with. A process-wide setting, like the thread count: the
/// command line sets it once before scanning.
static EVALUATION_BUDGET: AtomicU64 = AtomicU64::new(DEFAULT_EVALUATION_BUDGET);

/// Sets the evaluation budget of every module evaluated from now on (`--eval-budget`).
pub fn set_evaluation_budget(steps: u64) {
    EVALUATION_BUDGET.store(steps, Ordering::Relaxed);
}

/// What one module instance declares and is given, that expressions can refer to.
#[derive(Default)]
pub struct Scope<'a> {
    /// Input variables: declaration (default, type) and the value given to this instance.
    pub variables: HashMap<String, Variable<'a>>,
    pub locals: HashMap<String, (&'a Expression, FileId)>,
    /// What `file`, `templatefile` and friends may read.
    pub files: FileAccess,
    /// `module.NAME`: the outputs of the module calls, evaluated on demand.
    pub modules: Option<&'a dyn ModuleOutputs>,
    /// The module's directory as shown in reports, for `path.module`.
    pub module_dir: String,
}

pub struct Evaluator<'a> {
    pub(super) scope: &'a Scope<'a>,
    depth: Cell<usize>,
    /// Names bound while part of an expression or body is evaluated, innermost last: `for`
    /// variables, template `for` directives and `templatefile` variables, `count` and `each`
    /// for a resource or module instance, a `dynamic` block's iterator.
    bindings: RefCell<Vec<(String, Node)>>,
    /// Inside a `templatefile` template, where only its variables are visible.
    sealed: Cell<bool>,
    /// Evaluation errors so far; `try` and `can` watch it.
    errors: Cell<usize>,
    /// References so far whose value is not wholly known; `try` and `can` watch it.
    unknown_refs: Cell<usize>,
    /// Evaluation steps left.
    budget: Cell<u64>,
    /// Locals already evaluated to a wholly known value, with their size.
    locals_seen: RefCell<HashMap<String, (Node, u64)>>,
    /// Locals whose value is being evaluated, outermost first: one referred to again is a
    /// cycle, stopped at once rather than unrolled to the depth limit (which, with a local
    /// used twice in its own cycle, would take exponential time until the budget ran out).
    locals_in_progress: RefCell<Vec<String>>,
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
            sealed: Cell::new(false),
            errors: Cell::new(0),
            unknown_refs: Cell::new(0),
            budget: Cell::new(EVALUATION_BUDGET.load(Ordering::Relaxed)),
            locals_seen: RefCell::new(HashMap::new()),
            locals_in_progress: RefCell::new(Vec::new()),
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
        // Literals cost nothing, so a costly local cannot hide a plain `encrypted = false`
        // written beside it.
        let literal = matches!(
            expr,
            Expression::Null(_)
                | Expression::Bool(_)
                | Expression::Number(_)
                | Expression::String(_)
        );
        if !literal && !self.spend(1) {
            return self.exhausted(span);
        }
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
                        ObjectKey::Ident(ident) => ident.as_str().to_string(),
                        ObjectKey::Expression(key_expr) => {
                            let key_value = self.expr(key_expr, file);
                            if key_value.is_unknown() {
                                return Node::unknown(span, "an object with a computed key");
                            }
                            match to_text(&key_value) {
                                Ok(text) => text,
                                Err(error) => {
                                    return self.error(span, format!("an object key: {error}"))
                                }
                            }
                        }
                    };
                    entries.push(Entry {
                        key: key_text,
                        key_span: span_of(key, file),
                        value: self.expr(value.expr(), file),
                    });
                }
                NodeKind::Map(entries)
            }
            Expression::StringTemplate(template) => {
                return self.string_template(template, span, file)
            }
            Expression::HeredocTemplate(heredoc) => {
                return self.template(&heredoc.template, span, file)
            }
            Expression::Parenthesis(inner) => {
                let mut node = self.expr(inner.inner(), file);
                node.span = span;
                return node;
            }
            Expression::Conditional(conditional) => {
                return self.conditional(conditional, span, file)
            }
            Expression::UnaryOp(op) => return self.unary(op, span, file),
            Expression::BinaryOp(op) => return self.binary(op, span, file),
            Expression::Traversal(traversal) => {
                return self.traversal(&traversal.expr, &traversal.operators, span, file)
            }
            Expression::Variable(name) => return self.bare_name(name.as_str(), span),
            Expression::FuncCall(call) => return self.call(call, span, file),
            Expression::ForExpr(for_expr) => return self.for_expr(for_expr, span, file),
        };
        Node::new(span, kind)
    }

    /// An evaluation error: unknown, and counted for `try` and `can`.
    fn error(&self, span: Span, reason: impl Into<String>) -> Node {
        self.errors.set(self.errors.get() + 1);
        Node::unknown(span, reason)
    }

    /// Takes `steps` from the budget; false once it is spent. Every expression costs one step,
    /// every value a function builds one step per part.
    fn spend(&self, steps: u64) -> bool {
        let left = self.budget.get();
        self.budget.set(left.saturating_sub(steps));
        left >= steps
    }

    /// The value of anything evaluated after the budget is spent: unknown, and not an error,
    /// so no `try` falls back on a value Terraform would not choose.
    fn exhausted(&self, span: Span) -> Node {
        self.unknown_refs.set(self.unknown_refs.get() + 1);
        Node::unknown(
            span,
            "the configuration is too costly to evaluate completely",
        )
    }

    /// A name on its own: a `for` variable (or a template variable).
    fn bare_name(&self, name: &str, span: Span) -> Node {
        match self.bound(name) {
            Some(value) => {
                if !wholly_known(&value) {
                    self.unknown_refs.set(self.unknown_refs.get() + 1);
                }
                relocate(value, span)
            }
            None => Node::unknown(span, format!("`{name}` is not a value")),
        }
    }

    /// The value bound to `name` by an enclosing `for`, innermost first.
    /// Evaluates `evaluate` with `names` bound, unbinding them afterwards.
    fn with_bindings<T>(&self, names: Vec<(String, Node)>, evaluate: impl FnOnce() -> T) -> T {
        let count = names.len();
        self.bindings.borrow_mut().extend(names);
        let result = evaluate();
        let mut bindings = self.bindings.borrow_mut();
        let keep = bindings.len().saturating_sub(count);
        bindings.truncate(keep);
        result
    }

    fn traversal(
        &self,
        root: &Expression,
        operators: &[hcl_edit::Decorated<TraversalOperator>],
        span: Span,
        file: FileId,
    ) -> Node {
        let Expression::Variable(root_name) = root else {
            let value = self.expr(root, file);
            return relocate(self.apply_operators(value, operators, span, file), span);
        };
        // What happens inside a referenced declaration is not this expression's error or
        // unknown; only the value it gives here counts (as Terraform's `try` sees it).
        let (errors, unknown_refs) = (self.errors.get(), self.unknown_refs.get());
        let (value, rest) = self.reference(root_name.as_str(), operators, span);
        self.errors.set(errors);
        self.unknown_refs.set(unknown_refs);
        let value = self.apply_operators(value, rest, span, file);
        if self.errors.get() == errors && !wholly_known(&value) {
            self.unknown_refs.set(unknown_refs + 1);
        }
        relocate(value, span)
    }

    /// The value a reference starts from (a `for` variable, `var.x`, `local.x`, `path.x`) and
    /// the operators still to apply to it.
    fn reference<'o>(
        &self,
        root: &str,
        operators: &'o [hcl_edit::Decorated<TraversalOperator>],
        span: Span,
    ) -> (Node, &'o [hcl_edit::Decorated<TraversalOperator>]) {
        if let Some(bound) = self.bound(root) {
            return (bound, operators);
        }
        if self.sealed.get() {
            let reason = format!("a template file can only use its variables, not `{root}`");
            return (self.error(span, reason), &[]);
        }
        let Some(TraversalOperator::GetAttr(first)) = operators.first().map(|op| op.value()) else {
            return (Node::unknown(span, format!("a reference to `{root}`")), &[]);
        };
        let name = first.as_str();
        // A declaration is evaluated in the module's scope, not inside the `for` using it.
        let outer = self.bindings.take();
        let value = match root {
            "var" => Some(self.variable(name, span)),
            "local" => Some(self.cached_local(name, span)),
            "path" => Some(self.path(name, span)),
            other => super::references::lookup(self, other, name, span),
        };
        self.bindings.replace(outer);
        match value {
            Some(value) => (value, &operators[1..]),
            None => {
                let reference = reference_text(root, operators);
                let reason = format!("`{reference}` is only known after apply");
                (Node::unknown(span, reason), &[])
            }
        }
    }

    /// A local's value, evaluated once: a wholly known value is remembered (unknown ones may
    /// depend on how deep the evaluation was). Every use still costs its size in steps, which
    /// bounds what copies of a large local can add up to.
    fn cached_local(&self, name: &str, span: Span) -> Node {
        let cached = self.locals_seen.borrow().get(name).cloned();
        if let Some((value, weight)) = cached {
            if !self.spend(weight) {
                return self.exhausted(span);
            }
            return value;
        }
        if self.locals_in_progress.borrow().iter().any(|n| n == name) {
            return self.error(span, format!("local `{name}` refers to itself"));
        }
        self.locals_in_progress.borrow_mut().push(name.to_string());
        let value = self.local(name, span);
        self.locals_in_progress.borrow_mut().pop();
        if wholly_known(&value) {
            let weight = weight(&value);
            self.locals_seen
                .borrow_mut()
                .insert(name.to_string(), (value.clone(), weight));
        }
        value
    }

    /// `path.module`, `path.root`, `path.cwd`: every module is evaluated as if Terraform ran
    /// in its directory, so all three are `"."` and file functions resolve against it.
    fn path(&self, name: &str, span: Span) -> Node {
        match name {
            "module" | "root" | "cwd" => Node::new(span, NodeKind::Str(".".to_string())),
            other => self.error(span, format!("`path.{other}` does not exist")),
        }
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

/// How many parts a value has: the steps a copy of it costs.
fn weight(node: &Node) -> u64 {
    match &node.kind {
        NodeKind::Seq(items) => 1 + items.iter().map(weight).sum::<u64>(),
        NodeKind::Map(entries) => 1 + entries.iter().map(|e| weight(&e.value)).sum::<u64>(),
        NodeKind::Tagged(_, inner) => 1 + weight(inner),
        _ => 1,
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

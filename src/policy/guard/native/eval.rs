//! Clauses, blocks, `when` conditions, type blocks and named rules, evaluated to PASS, FAIL or
//! SKIP exactly as cfn-guard 3.2.1 (the copy this crate builds) does it, including its
//! assertion-versus-gate roles, its empty-selection rules and the errors that stop a file.
//!
//! cfn-guard records every evaluation step and builds its report from the failed ones; here
//! each step pushes only what that report would contain ([`Rep`]) into the current sink, and a
//! block keeps what its children pushed only when it fails, which is the same selection.

use std::cell::RefCell;

use super::ast::{
    Access, Block, BlockClause, Clause, Disjunct, Let, LetValue, NamedRef, Op, Part, Rule,
    RuleCall, RuleClause, TypeBlock, WhenClause,
};
use super::compare::{compare, Compared, Evaluated, NotComparable, Outcome};
use super::query::QR;
use super::report::{Context, Rep};
use super::value::{self, Item, Kind, Scalar, Val};
use super::Program;

#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub(super) enum Status {
    Pass,
    Fail,
    Skip,
}

/// Whether a clause asserts (a rule body) or gates (a `when` condition, a filter).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub(super) enum Role {
    Assertion,
    Gate,
}

/// An error that stops evaluation, as cfn-guard's would.
#[derive(Debug, Clone)]
pub(super) enum Error {
    /// cfn-guard's `IncompatibleError`: a clause that cannot be evaluated (EMPTY on a number).
    Incompatible(String),
    /// cfn-guard's `MissingValue`: an unknown variable.
    Missing(String),
    /// cfn-guard's `NotComparable` raised as an error (a non-string key interpolated).
    NotComparable(String),
    /// Nesting too deep to follow (a variable defined by itself).
    TooDeep,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Incompatible(text) => {
                write!(f, "Types or variable assignments are incompatible `{text}`")
            }
            Error::Missing(text) => write!(
                f,
                "There was no variable or value object to resolve. Error = `{text}`"
            ),
            Error::NotComparable(text) => write!(
                f,
                "Comparing incoming context with literals or dynamic results wasn't possible `{text}`"
            ),
            Error::TooDeep => f.write_str("the rules nest too deeply to evaluate"),
        }
    }
}

impl Error {
    fn unevaluatable(&self) -> bool {
        matches!(self, Error::Incompatible(_))
    }
}

/// The variables of one block (or of the file), resolved at most once each.
pub(super) struct Frame<'a, 'f> {
    lets: &'a [Let],
    /// A parameterized rule's arguments, by parameter name.
    params: Vec<(&'a str, Vec<QR<'a>>)>,
    root: Item<'a>,
    /// Resolved variables; a handful per block, so a list.
    cache: RefCell<Vec<(&'a str, Vec<QR<'a>>)>>,
    parent: Option<&'f Frame<'a, 'f>>,
}

impl<'a, 'f> Frame<'a, 'f> {
    pub fn new(lets: &'a [Let], root: Item<'a>, parent: Option<&'f Frame<'a, 'f>>) -> Self {
        Frame {
            lets,
            params: Vec::new(),
            root,
            cache: RefCell::new(Vec::new()),
            parent,
        }
    }
}

/// What a clause is evaluated in: the value queries start from, and the variables. A scope
/// with a parent is cfn-guard's `ValueScope`, whose queries pass the parent along.
pub(super) struct Scope<'a, 's> {
    pub root: Item<'a>,
    pub parent: Option<&'s Scope<'a, 's>>,
    pub frame: &'s Frame<'a, 's>,
}

impl<'a, 's> Scope<'a, 's> {
    pub fn value_scope<'t>(&'t self, root: Item<'a>) -> Scope<'a, 't>
    where
        's: 't,
    {
        Scope {
            root,
            parent: Some(self),
            frame: self.frame,
        }
    }
}

/// Evaluation state for one document.
pub(super) struct Ev<'a, 'r> {
    pub program: &'a Program,
    pub root: Item<'a>,
    /// The file's variables, resolved once per document.
    pub root_frame: &'r Frame<'a, 'r>,
    /// Statuses of referenced rules, by rule and role (a few per file, so a list).
    pub statuses: Vec<((&'a str, Role), Status)>,
    /// What the record being built would contribute to the report.
    pub sink: Vec<Rep<'a>>,
    /// Above zero while evaluating what no report reads (filters, conditions, referenced
    /// rules): nothing is recorded then.
    pub hidden: usize,
    pub depth: usize,
}

const MAX_DEPTH: usize = 200;

/// How many values of a clause passed, failed or were skipped.
#[derive(Default)]
struct Counts {
    pass: usize,
    fail: usize,
    skip: usize,
}

enum ClauseResult {
    Empty(Status, Option<String>),
    Values(Counts),
}

fn empty_reference_message(negated: bool) -> String {
    let clause = if negated {
        "negated comparison"
    } else {
        "comparison"
    };
    format!(
        "The {clause} could not be performed: the reference on the right-hand side resolved \
         to no values. If an empty reference is expected here, guard the clause with `when \
         <reference> !empty {{ ... }}` so it is skipped rather than failed."
    )
}

fn empty_lhs_message() -> String {
    "The comparison could not be performed: the variable on the left-hand side resolved to no \
     values, so there was nothing to compare. If an empty selection is expected here, guard the \
     clause with `when <variable> !empty { ... }` so it is skipped rather than failed."
        .to_string()
}

impl<'a, 'r> Ev<'a, 'r> {
    /// EMPTY of one value (cfn-guard's `element_empty_operation`).
    fn element_empty(&self, value: &QR<'a>) -> Result<bool, Error> {
        match value {
            QR::Lit(item) | QR::Res(item) => match item.scalar() {
                Scalar::List | Scalar::Map => Ok(item.len() == 0),
                Scalar::Str(text) => Ok(text.is_empty()),
                _ => Err(Error::Incompatible(format!(
                    "Attempting EMPTY operation on type {} that does not support it at {}{}",
                    item.kind().name(),
                    item.path_text(self.document()),
                    self.location(item)
                ))),
            },
            QR::Unres(_) => Ok(true),
        }
    }

    /// The `[L:line,C:column]` cfn-guard shows after a path: where its YAML reader met the
    /// value in the document's JSON text (one line; the column counts characters).
    pub(super) fn location(&self, item: &Item<'a>) -> String {
        let column = match &item.val {
            Val::Json(value) => value::column_of(self.document(), value),
            _ => None,
        };
        format!("[L:0,C:{}]", column.unwrap_or(0))
    }

    pub(super) fn document(&self) -> &'a serde_json::Value {
        match self.root.val {
            Val::Json(document) => document,
            _ => &serde_json::Value::Null,
        }
    }

    fn unary_test(&self, op: Op, value: &QR<'a>) -> Result<bool, Error> {
        let item = match value {
            QR::Lit(item) | QR::Res(item) => item,
            QR::Unres(_) => return Ok(op == Op::Empty),
        };
        let kind = item.kind();
        Ok(match op {
            Op::Exists => true,
            Op::Empty => return self.element_empty(value),
            Op::IsString => kind == Kind::Str,
            Op::IsList => kind == Kind::List,
            Op::IsMap => kind == Kind::Map,
            Op::IsBool => kind == Kind::Bool,
            Op::IsInt => kind == Kind::Int,
            Op::IsFloat => kind == Kind::Float,
            Op::IsNull => kind == Kind::Null,
            _ => false,
        })
    }

    pub(super) fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(Error::TooDeep);
        }
        Ok(())
    }

    /// Adds to the report of the record being built, unless nothing reads it.
    pub(super) fn record(&mut self, rep: Rep<'a>) {
        if self.hidden == 0 {
            self.sink.push(rep);
        }
    }

    /// Starts a record: what its children push is collected apart.
    fn open(&mut self) -> Vec<Rep<'a>> {
        std::mem::take(&mut self.sink)
    }

    /// Ends a record, returning what its children pushed.
    fn close(&mut self, saved: Vec<Rep<'a>>) -> Vec<Rep<'a>> {
        std::mem::replace(&mut self.sink, saved)
    }

    /// Ends a block-shaped record (clause, type block, `when` block): a failed one contributes
    /// its children's findings, or its own explanation when they have none.
    fn close_block(
        &mut self,
        saved: Vec<Rep<'a>>,
        context: Context<'a>,
        status: Status,
        message: Option<String>,
    ) {
        let children = self.close(saved);
        if status != Status::Fail {
            return;
        }
        if children.is_empty() {
            if let Some(message) = message {
                self.record(Rep::Block { context, message });
            }
        } else {
            self.sink.extend(children);
        }
    }

    /// A variable's values, from the innermost frame defining it.
    pub(super) fn resolve_variable(
        &mut self,
        frame: &Frame<'a, '_>,
        name: &str,
    ) -> Result<Vec<QR<'a>>, Error> {
        let mut at = frame;
        loop {
            if let Some((_, values)) = at.params.iter().find(|(param, _)| *param == name) {
                return Ok(values.clone());
            }
            let definitions = || at.lets.iter().filter(|each| each.var == name);
            if let Some(literal) = definitions().find_map(|each| match &each.value {
                LetValue::Lit(lit) => Some(lit),
                _ => None,
            }) {
                return Ok(vec![QR::Lit(Item::lit(literal))]);
            }
            if let Some(each) = definitions().next_back() {
                let cached = at
                    .cache
                    .borrow()
                    .iter()
                    .find(|(var, _)| *var == each.var.as_str())
                    .map(|(_, values)| values.clone());
                if let Some(values) = cached {
                    return Ok(values);
                }
                let scope = Scope {
                    root: at.root.clone(),
                    parent: None,
                    frame: at,
                };
                let values = match &each.value {
                    LetValue::Call(call) => self.call(call, &scope)?,
                    LetValue::Query(query) => {
                        let values =
                            self.retrieve(0, &query.parts, at.root.clone(), &scope, None)?;
                        if query.match_all {
                            values
                        } else {
                            values
                                .into_iter()
                                .filter(|value| matches!(value, QR::Res(_)))
                                .collect()
                        }
                    }
                    LetValue::Lit(_) => Vec::new(),
                };
                at.cache
                    .borrow_mut()
                    .push((each.var.as_str(), values.clone()));
                return Ok(values);
            }
            match at.parent {
                Some(parent) => at = parent,
                None => {
                    return Err(Error::Missing(format!(
                        "Could not resolve variable by name {name} across scopes"
                    )))
                }
            }
        }
    }

    /// The values of a query in a scope (cfn-guard's `EvalContext::query`).
    pub(super) fn query(
        &mut self,
        scope: &Scope<'a, '_>,
        parts: &'a [Part],
    ) -> Result<Vec<QR<'a>>, Error> {
        match scope.parent {
            Some(parent) => self.retrieve(0, parts, scope.root.clone(), parent, None),
            None => self.retrieve(0, parts, scope.root.clone(), scope, None),
        }
    }

    /// A rule's status for a reference to it (`rule a { b }`, `when b`), evaluated once per
    /// role; its records sit under the reference's own record, which no report reads.
    fn rule_status(&mut self, name: &'a str, role: Role) -> Result<Status, Error> {
        if let Some((_, status)) = self.statuses.iter().find(|(key, _)| *key == (name, role)) {
            return Ok(*status);
        }
        let program = self.program;
        self.hidden += 1;
        let mut result = Ok(Status::Skip);
        for rule in program.file.rules.iter().filter(|rule| rule.name == name) {
            match self.rule(rule, role) {
                Ok(Status::Skip) => {}
                other => {
                    result = other;
                    break;
                }
            }
        }
        self.hidden -= 1;
        let status = result?;
        self.statuses.push(((name, role), status));
        Ok(status)
    }

    /// One rule (cfn-guard's `eval_rule`).
    pub(super) fn rule(&mut self, rule: &'a Rule, role: Role) -> Result<Status, Error> {
        let scope = Scope {
            root: self.root.clone(),
            parent: None,
            frame: self.root_frame,
        };
        self.rule_in(rule, &scope, role, None)
    }

    /// A rule in a scope; `message` replaces the rule's own in its report (a parameterized
    /// rule's call gives its custom message so).
    fn rule_in(
        &mut self,
        rule: &'a Rule,
        scope: &Scope<'a, '_>,
        role: Role,
        message: Option<Option<&'a str>>,
    ) -> Result<Status, Error> {
        let replaced = |own: Option<String>| match message {
            Some(message) => message.map(str::to_string),
            None => own,
        };
        let saved = self.open();
        if let Some(conditions) = &rule.conditions {
            self.hidden += 1;
            let condition = self.conjunction(conditions, scope, |ev, clause, scope| {
                ev.when_clause(clause, scope)
            });
            self.hidden -= 1;
            match condition {
                Ok(Status::Pass) => {}
                Ok(_) => {
                    self.close(saved);
                    return Ok(Status::Skip);
                }
                Err(error) => {
                    self.close(saved);
                    let message = error.unevaluatable().then(|| {
                        format!(
                            "The rule's condition could not be evaluated, so the rule fails \
                             rather than being treated as not applicable: {error}"
                        )
                    });
                    self.record(Rep::Rule {
                        name: &rule.name,
                        message: replaced(message),
                        checks: Vec::new(),
                    });
                    return match (error.unevaluatable(), role == Role::Assertion) {
                        (true, true) => Ok(Status::Fail),
                        _ => Err(error),
                    };
                }
            }
        }
        let result = self.block(&rule.block, scope, |ev, clause, scope| {
            ev.rule_clause(clause, scope, role)
        });
        let failed = !matches!(result, Ok(Status::Pass | Status::Skip));
        let checks = self.close(saved);
        if failed {
            self.record(Rep::Rule {
                name: &rule.name,
                message: replaced(None),
                checks,
            });
        }
        result
    }

    /// A call of a parameterized rule (cfn-guard's `eval_parameterized_rule_call`): the rule
    /// runs in the caller's scope, its parameters resolved there and seen first.
    fn call_rule(
        &mut self,
        call: &'a RuleCall,
        scope: &Scope<'a, '_>,
        role: Role,
    ) -> Result<Status, Error> {
        let program = self.program;
        let name = call.named.rule.as_str();
        let Some((names, rule)) = program
            .file
            .parameterized
            .iter()
            .rev()
            .find(|(_, rule)| rule.name == name)
        else {
            return Err(Error::Missing(format!(
                "Parameterized Rule with name {name} was not found"
            )));
        };
        let mut params = Vec::with_capacity(names.len());
        for (parameter, arg) in names.iter().zip(&call.args) {
            let values = match arg {
                LetValue::Lit(lit) => vec![QR::Res(Item::lit(lit))],
                LetValue::Query(query) => self.query(scope, &query.parts)?,
                LetValue::Call(function) => self.call(function, scope)?,
            };
            params.push((parameter.as_str(), values));
        }
        let mut frame = Frame::new(&[], scope.root.clone(), Some(scope.frame));
        frame.params = params;
        let call_scope = Scope {
            root: scope.root.clone(),
            parent: scope.parent,
            frame: &frame,
        };
        let status = self.rule_in(rule, &call_scope, role, Some(call.named.message.as_deref()))?;
        let negation = call.named.negation;
        Ok(match status {
            Status::Pass if negation => Status::Fail,
            Status::Pass => Status::Pass,
            Status::Skip if role == Role::Assertion => Status::Fail,
            Status::Skip if !negation => Status::Skip,
            _ if negation => Status::Pass,
            _ => Status::Fail,
        })
    }

    /// A block's clauses with its own variables (cfn-guard's `eval_general_block_clause`).
    fn block<T: Disjunct>(
        &mut self,
        block: &'a Block<T>,
        scope: &Scope<'a, '_>,
        each: impl Fn(&mut Self, &'a T, &Scope<'a, '_>) -> Result<Status, Error>,
    ) -> Result<Status, Error> {
        let frame = Frame::new(&block.lets, scope.root.clone(), Some(scope.frame));
        let block_scope = Scope {
            root: scope.root.clone(),
            parent: None,
            frame: &frame,
        };
        self.conjunction(&block.conj, &block_scope, each)
    }

    /// Clauses joined by `and` (lines) and `or` (cfn-guard's `eval_conjunction_clauses`).
    pub(super) fn conjunction<T: Disjunct>(
        &mut self,
        conjunctions: &'a [Vec<T>],
        scope: &Scope<'a, '_>,
        each: impl Fn(&mut Self, &'a T, &Scope<'a, '_>) -> Result<Status, Error>,
    ) -> Result<Status, Error> {
        self.enter()?;
        let mut passes = 0;
        let mut fails = 0;
        let mut result = Ok(());
        'conjunction: for disjunctions in conjunctions {
            let several = disjunctions.len() > 1;
            let saved = several.then(|| self.open());
            let mut failed = 0;
            for clause in disjunctions {
                match each(self, clause, scope) {
                    Ok(Status::Pass) => {
                        passes += 1;
                        if let Some(saved) = saved {
                            self.close(saved);
                        }
                        continue 'conjunction;
                    }
                    Ok(Status::Skip) => {}
                    Ok(Status::Fail) => failed += 1,
                    Err(error) => {
                        if let Some(saved) = saved {
                            let message =
                                format!("Disjunction failed due to error {error}, bailing");
                            self.close_disjunction(saved, T::NAME, Status::Fail, Some(message));
                        }
                        result = Err(error);
                        break 'conjunction;
                    }
                }
            }
            if failed > 0 {
                fails += 1;
            }
            if let Some(saved) = saved {
                let status = if failed > 0 {
                    Status::Fail
                } else {
                    Status::Skip
                };
                self.close_disjunction(saved, T::NAME, status, None);
            }
        }
        self.depth -= 1;
        result?;
        Ok(if fails > 0 {
            Status::Fail
        } else if passes > 0 {
            Status::Pass
        } else {
            Status::Skip
        })
    }

    fn close_disjunction(
        &mut self,
        saved: Vec<Rep<'a>>,
        name: &'static str,
        status: Status,
        message: Option<String>,
    ) {
        let children = self.close(saved);
        if status != Status::Fail {
            return;
        }
        if children.is_empty() {
            if let Some(message) = message {
                self.record(Rep::Block {
                    context: Context::Disjunction(name),
                    message,
                });
            }
        } else {
            self.record(Rep::Disjunctions(children));
        }
    }

    fn rule_clause(
        &mut self,
        clause: &'a RuleClause,
        scope: &Scope<'a, '_>,
        role: Role,
    ) -> Result<Status, Error> {
        match clause {
            RuleClause::Clause(clause) => self.guard_clause(clause, scope, role),
            RuleClause::Type(type_block) => self.type_block(type_block, scope, role),
            RuleClause::When(conditions, block) => {
                self.when_block(conditions, block, scope, role, true)
            }
        }
    }

    pub(super) fn guard_clause(
        &mut self,
        clause: &'a Clause,
        scope: &Scope<'a, '_>,
        role: Role,
    ) -> Result<Status, Error> {
        match clause {
            Clause::Access(access) => self.access(access, scope, role),
            Clause::Named(named) => self.named(named, role),
            Clause::Call(call) => self.call_rule(call, scope, role),
            Clause::Block(block) => self.block_clause(block, scope, role),
            Clause::When(conditions, block) => {
                self.when_block(conditions, block, scope, role, false)
            }
        }
    }

    fn when_clause(
        &mut self,
        clause: &'a WhenClause,
        scope: &Scope<'a, '_>,
    ) -> Result<Status, Error> {
        match clause {
            WhenClause::Access(access) => self.access(access, scope, Role::Gate),
            WhenClause::Named(named) => self.named(named, Role::Gate),
            WhenClause::Call(call) => self.call_rule(call, scope, Role::Gate),
        }
    }

    /// `when conditions { block }` (cfn-guard's `eval_when_condition_block`).
    fn when_block(
        &mut self,
        conditions: &'a [Vec<WhenClause>],
        block: &'a Block<Clause>,
        scope: &Scope<'a, '_>,
        role: Role,
        rule_level: bool,
    ) -> Result<Status, Error> {
        let context = Context::When(rule_level);
        let saved = self.open();
        self.hidden += 1;
        let condition = self.conjunction(conditions, scope, |ev, clause, scope| {
            ev.when_clause(clause, scope)
        });
        self.hidden -= 1;
        match condition {
            Ok(Status::Pass) => {}
            Ok(_) => {
                self.close_block(saved, context, Status::Skip, None);
                return Ok(Status::Skip);
            }
            Err(error) => {
                let unevaluatable = error.unevaluatable();
                let message = if unevaluatable {
                    format!("The condition could not be evaluated, so the block it guards is not checked: {error}")
                } else {
                    format!("Error {error} during type condition evaluation, bailing")
                };
                self.close_block(saved, context, Status::Fail, Some(message));
                return match (unevaluatable, role == Role::Assertion) {
                    (true, true) => Ok(Status::Fail),
                    _ => Err(error),
                };
            }
        }
        match self.block(block, scope, |ev, clause, scope| {
            ev.guard_clause(clause, scope, role)
        }) {
            Ok(status) => {
                self.close_block(saved, context, status, None);
                Ok(status)
            }
            Err(error) => {
                let message = format!("Error {error} during type condition evaluation, bailing");
                self.close_block(saved, context, Status::Fail, Some(message));
                Err(error)
            }
        }
    }

    /// `AWS::S3::Bucket [when ...] { ... }` (cfn-guard's `eval_type_block_clause`).
    fn type_block(
        &mut self,
        type_block: &'a TypeBlock,
        scope: &Scope<'a, '_>,
        role: Role,
    ) -> Result<Status, Error> {
        let context = Context::TypeBlock(&type_block.type_name);
        let saved = self.open();
        let values = match self.query(scope, &type_block.query) {
            Ok(values) => values,
            Err(error) => {
                self.close_block(saved, context, Status::Fail, None);
                return Err(error);
            }
        };
        let mut fails = 0;
        let mut passes = 0;
        for each in values {
            let value = match each {
                QR::Lit(value) | QR::Res(value) => value,
                QR::Unres(_) => continue,
            };
            let slot = self.open();
            let value_scope = scope.value_scope(value);
            if let Some(conditions) = &type_block.conditions {
                self.hidden += 1;
                let condition = self.conjunction(conditions, &value_scope, |ev, clause, scope| {
                    ev.when_clause(clause, scope)
                });
                self.hidden -= 1;
                match condition {
                    Ok(Status::Pass) => {}
                    Ok(_) => {
                        self.close_type_slot(slot, Status::Skip);
                        continue;
                    }
                    Err(error) if error.unevaluatable() => {
                        self.close_type_slot(slot, Status::Fail);
                        if role == Role::Gate {
                            self.close_block(saved, context, Status::Fail, None);
                            return Err(error);
                        }
                        fails += 1;
                        continue;
                    }
                    Err(error) => {
                        self.close_type_slot(slot, Status::Fail);
                        let message =
                            format!("Error {error} during type condition evaluation, bailing");
                        self.close_block(saved, context, Status::Fail, Some(message));
                        return Err(error);
                    }
                }
            }
            match self.block(&type_block.block, &value_scope, |ev, clause, scope| {
                ev.guard_clause(clause, scope, role)
            }) {
                Ok(status) => {
                    match status {
                        Status::Pass => passes += 1,
                        Status::Fail => fails += 1,
                        Status::Skip => {}
                    }
                    self.close_type_slot(slot, status);
                }
                Err(error) => {
                    self.close_type_slot(slot, Status::Fail);
                    let message = format!("Error {error} during type block evaluation, bailing");
                    self.close_block(saved, context, Status::Fail, Some(message));
                    return Err(error);
                }
            }
        }
        let status = if fails > 0 {
            Status::Fail
        } else if passes > 0 {
            Status::Pass
        } else {
            Status::Skip
        };
        self.close_block(saved, context, status, None);
        Ok(status)
    }

    /// One resource of a type block: a failed one passes its children's findings on.
    fn close_type_slot(&mut self, saved: Vec<Rep<'a>>, status: Status) {
        let children = self.close(saved);
        if status == Status::Fail {
            self.sink.extend(children);
        }
    }

    /// `Query { clauses }` (cfn-guard's `eval_guard_block_clause`).
    fn block_clause(
        &mut self,
        clause: &'a BlockClause,
        scope: &Scope<'a, '_>,
        role: Role,
    ) -> Result<Status, Error> {
        let match_all = clause.query.match_all;
        let saved = self.open();
        let values = match self.query(scope, &clause.query.parts) {
            Ok(values) => values,
            Err(error) => {
                let childless = self.sink.is_empty();
                self.close_guard_block(saved, &clause.location, Status::Fail, None, childless);
                return Err(error);
            }
        };
        if values.is_empty() {
            let status = if clause.not_empty {
                Status::Fail
            } else {
                Status::Skip
            };
            self.close_guard_block(saved, &clause.location, status, None, true);
            return Ok(status);
        }
        let mut fails = 0;
        let mut passes = 0;
        for each in values {
            match each {
                QR::Unres(unresolved) => {
                    fails += 1;
                    self.record(Rep::MissingBlockValue(unresolved, &clause.location));
                }
                QR::Lit(value) | QR::Res(value) => {
                    let value_scope = scope.value_scope(value);
                    match self.block(&clause.block, &value_scope, |ev, clause, scope| {
                        ev.guard_clause(clause, scope, role)
                    }) {
                        Ok(Status::Pass) => passes += 1,
                        Ok(Status::Fail) => fails += 1,
                        Ok(Status::Skip) => {}
                        Err(error) => {
                            let message =
                                format!("Error {error} when handling block clause, bailing");
                            self.close_guard_block(
                                saved,
                                &clause.location,
                                Status::Fail,
                                Some(message),
                                false,
                            );
                            return Err(error);
                        }
                    }
                }
            }
        }
        let status = if match_all {
            if fails > 0 {
                Status::Fail
            } else if passes > 0 {
                Status::Pass
            } else {
                Status::Skip
            }
        } else if passes > 0 {
            Status::Pass
        } else if fails > 0 {
            Status::Fail
        } else {
            Status::Skip
        };
        self.close_guard_block(saved, &clause.location, status, None, false);
        Ok(status)
    }

    /// A block clause's record: failed with no child records, it explains itself.
    fn close_guard_block(
        &mut self,
        saved: Vec<Rep<'a>>,
        location: &'a str,
        status: Status,
        message: Option<String>,
        childless: bool,
    ) {
        let children = self.close(saved);
        if status != Status::Fail {
            return;
        }
        if childless {
            self.record(Rep::Block {
                context: Context::BlockClause(location),
                message: message.unwrap_or_else(|| {
                    "query for block clause did not retrieve any value".to_string()
                }),
            });
        } else {
            self.sink.extend(children);
        }
    }

    /// A reference to a named rule (cfn-guard's `eval_guard_named_clause`).
    fn named(&mut self, named: &'a NamedRef, role: Role) -> Result<Status, Error> {
        let status = match self.rule_status(&named.rule, role) {
            Ok(status) => status,
            Err(error) => {
                self.record(Rep::DependentRule {
                    custom: named.message.as_deref(),
                    rule: &named.rule,
                    context: &named.display,
                });
                return Err(error);
            }
        };
        let status = match status {
            Status::Pass if named.negation => Status::Fail,
            Status::Pass => Status::Pass,
            Status::Skip if role == Role::Assertion => Status::Fail,
            Status::Skip if !named.negation => Status::Skip,
            _ if named.negation => Status::Pass,
            _ => Status::Fail,
        };
        if status == Status::Fail {
            self.record(Rep::DependentRule {
                custom: named.message.as_deref(),
                rule: &named.rule,
                context: &named.display,
            });
        }
        Ok(status)
    }

    /// A comparison clause (cfn-guard's `eval_guard_access_clause`).
    fn access(
        &mut self,
        access: &'a Access,
        scope: &Scope<'a, '_>,
        role: Role,
    ) -> Result<Status, Error> {
        let all = access.query.match_all;
        let context = Context::Clause(&access.display);
        let saved = self.open();
        let result = if access.op.is_unary() {
            self.unary(access, scope, role)
        } else {
            // A literal right-hand side needs no list of its own.
            let literal;
            let rhs = match access.rhs.as_ref() {
                Some(LetValue::Lit(lit)) => {
                    literal = [QR::Lit(Item::lit(lit))];
                    Ok(std::borrow::Cow::Borrowed(&literal[..]))
                }
                Some(LetValue::Query(query)) => self.query(scope, &query.parts).map(Into::into),
                Some(LetValue::Call(call)) => self.call(call, scope).map(Into::into),
                None => Ok(Vec::new().into()),
            };
            match rhs {
                Ok(rhs) => self.binary(access, &rhs, scope, role),
                Err(error) => {
                    let message = format!("Error {error} when handling clause, bailing");
                    self.close_block(saved, context, Status::Fail, Some(message));
                    return Err(error);
                }
            }
        };
        match result {
            Ok(ClauseResult::Empty(status, message)) => {
                self.close_block(saved, context, status, message);
                Ok(status)
            }
            Ok(ClauseResult::Values(counts)) => {
                let (fails, passes, skips) = (counts.fail, counts.pass, counts.skip);
                let outcome = if passes == 0 && fails == 0 && skips > 0 {
                    Status::Skip
                } else if all {
                    if fails > 0 {
                        Status::Fail
                    } else {
                        Status::Pass
                    }
                } else if passes > 0 {
                    Status::Pass
                } else {
                    Status::Fail
                };
                self.close_block(saved, context, outcome, None);
                Ok(outcome)
            }
            Err(error) => {
                let message = format!("Error {error} when handling clause, bailing");
                self.close_block(saved, context, Status::Fail, Some(message));
                match (error.unevaluatable(), role == Role::Assertion) {
                    (true, true) => Ok(Status::Fail),
                    _ => Err(error),
                }
            }
        }
    }

    /// A unary clause (`exists`, `empty`, `is_string`...; cfn-guard's `unary_operation`).
    fn unary(
        &mut self,
        access: &'a Access,
        scope: &Scope<'a, '_>,
        role: Role,
    ) -> Result<ClauseResult, Error> {
        let parts = &access.query.parts;
        let lhs = self.query(scope, parts)?;
        let (op, not, inverse) = (access.op, access.op_not, access.negation);
        let custom = access.message.as_deref();
        // What a failed check of this clause records for the report.
        let unary_record = |from: QR<'a>, error: Option<String>| Rep::Unary {
            custom,
            context: &access.display,
            from,
            op,
            not,
            error,
        };
        let selection = matches!(parts.last(), Some(Part::Filter(_) | Part::MapKeyFilter(..)));
        let lone_variable = parts.len() == 1 && matches!(parts[0], Part::Variable(_));
        if (selection || lone_variable) && op == Op::Empty {
            if lhs.is_empty() {
                // Held: `!not`, inverted by a leading `not`.
                let holds = not == inverse;
                if holds {
                    return Ok(ClauseResult::Empty(Status::Pass, None));
                }
                self.record(Rep::NoValueForEmpty {
                    custom,
                    context: &access.display,
                });
                return Ok(ClauseResult::Empty(Status::Fail, None));
            }
            let mut counts = Counts::default();
            for each in lhs {
                let empty = if lone_variable {
                    self.element_empty(&each)
                } else {
                    Ok(match &each {
                        QR::Lit(item) | QR::Res(item) => item.kind() == Kind::Null,
                        QR::Unres(_) => true,
                    })
                };
                let empty = match empty {
                    Ok(empty) => empty,
                    Err(error) => {
                        self.record(unary_record(each.clone(), Some(error.to_string())));
                        if role == Role::Assertion {
                            counts.fail += 1;
                            continue;
                        }
                        return Err(error);
                    }
                };
                let holds = if not { !empty } else { empty };
                let result = match each {
                    QR::Lit(item) => QR::Res(item),
                    other => other,
                };
                if holds != inverse {
                    counts.pass += 1;
                } else {
                    self.record(unary_record(result.clone(), None));
                    counts.fail += 1;
                }
            }
            return Ok(ClauseResult::Values(counts));
        }
        if lhs.is_empty() {
            return Ok(ClauseResult::Empty(Status::Skip, None));
        }
        let mut counts = Counts::default();
        for each in lhs {
            match self.unary_test(op, &each) {
                Ok(result) => {
                    let result = (result != not) != inverse;
                    if result {
                        counts.pass += 1;
                    } else {
                        self.record(unary_record(each.clone(), None));
                        counts.fail += 1;
                    }
                }
                Err(error) => {
                    self.record(unary_record(each.clone(), Some(error.to_string())));
                    if role == Role::Assertion {
                        counts.fail += 1;
                    } else {
                        return Err(error);
                    }
                }
            }
        }
        Ok(ClauseResult::Values(counts))
    }

    /// A binary clause (cfn-guard's `binary_operation`).
    fn binary(
        &mut self,
        access: &'a Access,
        rhs: &[QR<'a>],
        scope: &Scope<'a, '_>,
        role: Role,
    ) -> Result<ClauseResult, Error> {
        let parts = &access.query.parts;
        let lhs = self.query(scope, parts)?;
        let op = access.op;
        let not = access.op_not != access.negation;
        let custom = access.message.as_deref();
        let strict = role == Role::Assertion;
        let failed_or_skipped = if strict { Status::Fail } else { Status::Skip };
        let outcomes = match compare(op, not, &lhs, rhs) {
            Evaluated::Skip => {
                let lone_variable = parts.len() == 1 && matches!(parts[0], Part::Variable(_));
                return Ok(if lone_variable {
                    ClauseResult::Empty(failed_or_skipped, Some(empty_lhs_message()))
                } else {
                    ClauseResult::Empty(Status::Skip, None)
                });
            }
            Evaluated::EmptyRhsUnsatisfiable => {
                return Ok(ClauseResult::Empty(
                    failed_or_skipped,
                    Some(empty_reference_message(false)),
                ))
            }
            Evaluated::EmptyRhsVacuouslyTrue => {
                return Ok(ClauseResult::Empty(
                    failed_or_skipped,
                    Some(empty_reference_message(true)),
                ))
            }
            Evaluated::Results(outcomes) => outcomes,
        };
        let mut counts = Counts::default();
        let comparison = |from: QR<'a>, to: Option<QR<'a>>, message: Option<NotComparable<'a>>| {
            Rep::Comparison {
                custom,
                context: &access.display,
                from,
                to,
                op,
                not,
                message,
            }
        };
        let in_comparison = |from: Item<'a>, to: Vec<QR<'a>>| Rep::InComparison {
            custom,
            context: &access.display,
            from,
            to,
        };
        for outcome in outcomes {
            match outcome {
                Outcome::LhsUnresolved(unresolved) => {
                    self.record(comparison(QR::Unres(unresolved.clone()), None, None));
                    counts.fail += 1;
                }
                Outcome::RhsUnresolved(unresolved, lhs) => {
                    self.record(comparison(
                        QR::Res(lhs.clone()),
                        Some(QR::Unres(unresolved)),
                        None,
                    ));
                    counts.fail += 1;
                }
                Outcome::NotComparable(reason, lhs, rhs) => {
                    self.record(comparison(
                        QR::Res(lhs.clone()),
                        Some(QR::Res(rhs)),
                        Some(reason),
                    ));
                    counts.fail += 1;
                }
                Outcome::Success(Compared::QueryIn { lhs, .. }) => {
                    counts.pass += lhs.len();
                }
                Outcome::Success(
                    Compared::ListIn { .. } | Compared::Value(..) | Compared::ValueIn(..),
                ) => counts.pass += 1,
                Outcome::Fail(Compared::Value(lhs, rhs)) => {
                    self.record(comparison(QR::Res(lhs.clone()), Some(QR::Res(rhs)), None));
                    counts.fail += 1;
                }
                Outcome::Fail(Compared::ValueIn(lhs, rhs) | Compared::ListIn { lhs, rhs, .. }) => {
                    self.record(in_comparison(lhs.clone(), vec![QR::Res(rhs)]));
                    counts.fail += 1;
                }
                Outcome::Fail(Compared::QueryIn { diff, rhs, .. }) => {
                    let to: Vec<QR<'a>> = rhs.into_iter().map(QR::Res).collect();
                    for lhs in diff {
                        self.record(in_comparison(lhs.clone(), to.clone()));
                        counts.fail += 1;
                    }
                }
            }
        }
        Ok(ClauseResult::Values(counts))
    }
}

//! A native evaluator for Guard rules files: cfn-guard parses (it stays the reference grammar
//! and reports syntax errors), this module evaluates, with cfn-guard's semantics and report,
//! directly over the JSON documents without copying them.
//!
//! A file is compiled once ([`Program::compile`]) from cfn-guard's syntax tree; a file using
//! anything outside the supported subset is refused with the reason, and the caller evaluates
//! it with cfn-guard as before. [`Program::evaluate`] returns, for one document, the failures
//! `engine::evaluate_batch` returns for it. The differential tests in `tests.rs` hold the two
//! to that.

mod ast;
mod cases;
mod compare;
mod eval;
mod functions;
mod query;
mod report;
mod value;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use serde_json::Value;

use super::engine::Failure;
use ast::{Block, Clause, File, LetValue, Part, RuleClause, WhenClause};
use eval::{Ev, Frame, Role};
use value::Item;

/// One compiled rules file.
pub struct Program {
    file: File,
}

impl Program {
    /// From `engine::parse_tree`'s JSON of one rules file (and its text, for literal
    /// disambiguation). `Err(reason)` when the file uses anything this evaluator does not
    /// support exactly; the caller then evaluates that file with cfn-guard.
    pub fn compile(tree: &Value, text: &str) -> Result<Program, String> {
        let file = ast::file(tree, text)?;
        let names: Vec<&str> = file.rules.iter().map(|rule| rule.name.as_str()).collect();
        let check = Checker { names: &names };
        for each in &file.lets {
            check.let_value(&each.value)?;
        }
        for rule in &file.rules {
            if let Some(conditions) = &rule.conditions {
                check.conditions(conditions)?;
            }
            check.block(&rule.block, |clause| match clause {
                RuleClause::Clause(clause) => check.clause(clause),
                RuleClause::When(conditions, block) => {
                    check.conditions(conditions)?;
                    check.block(block, |clause| check.clause(clause))
                }
                RuleClause::Type(type_block) => {
                    check.parts(&type_block.query)?;
                    if let Some(conditions) = &type_block.conditions {
                        check.conditions(conditions)?;
                    }
                    check.block(&type_block.block, |clause| check.clause(clause))
                }
            })?;
        }
        Ok(Program { file })
    }

    /// Parses (with cfn-guard) and compiles a rules file: `Err` for a syntax error or a file
    /// this evaluator refuses.
    pub fn from_text(text: &str, name: &str) -> Result<Program, String> {
        match super::engine::parse_tree(text, name) {
            Ok(Some(tree)) => Program::compile(&tree, text),
            Ok(None) => Ok(Program {
                file: File {
                    lets: Vec::new(),
                    rules: Vec::new(),
                },
            }),
            Err(error) => Err(error.message),
        }
    }

    /// All rules of the file against one document (document index 0 in the failures).
    /// `Err(message)` where cfn-guard's call would stop with an error on this document.
    pub fn evaluate(&self, document: &Value) -> Result<Vec<Failure>, String> {
        let root = Item::json(document);
        let frame = Frame::new(&self.file.lets, root.clone(), None);
        let mut ev = Ev {
            program: self,
            root,
            root_frame: &frame,
            statuses: HashMap::new(),
            sink: Vec::new(),
            hidden: 0,
            depth: 0,
        };
        for rule in &self.file.rules {
            ev.rule(rule, Role::Assertion)
                .map_err(|error| format!("cfn-guard failed: {error}"))?;
        }
        let reps = std::mem::take(&mut ev.sink);
        report::failures(&reps, document)
    }
}

/// Refuses, at compile time, what cfn-guard evaluates in ways not reproduced here.
struct Checker<'n> {
    names: &'n [&'n str],
}

impl Checker<'_> {
    fn block<T>(
        &self,
        block: &Block<T>,
        each: impl Fn(&T) -> Result<(), String>,
    ) -> Result<(), String> {
        for assignment in &block.lets {
            self.let_value(&assignment.value)?;
        }
        block.conj.iter().flatten().try_for_each(each)
    }

    fn conditions(&self, conditions: &[Vec<WhenClause>]) -> Result<(), String> {
        for clause in conditions.iter().flatten() {
            match clause {
                WhenClause::Access(access) => self.access(access)?,
                WhenClause::Named(named) => self.named(&named.rule)?,
            }
        }
        Ok(())
    }

    fn named(&self, rule: &str) -> Result<(), String> {
        if self.names.contains(&rule) {
            Ok(())
        } else {
            // cfn-guard's error names the rules in hash order, which cannot be reproduced.
            Err(format!("a reference to an undefined rule `{rule}`"))
        }
    }

    fn access(&self, access: &ast::Access) -> Result<(), String> {
        self.parts(&access.query.parts)?;
        match &access.rhs {
            Some(value) => self.let_value(value),
            None => Ok(()),
        }
    }

    fn clause(&self, clause: &Clause) -> Result<(), String> {
        match clause {
            Clause::Access(access) => self.access(access),
            Clause::Named(named) => self.named(&named.rule),
            Clause::Block(block) => {
                if block.not_empty {
                    // Its report depends on records of the query this evaluator does not keep.
                    return Err("a block clause with `!empty`".into());
                }
                self.parts(&block.query.parts)?;
                self.block(&block.block, |clause| self.clause(clause))
            }
            Clause::When(conditions, block) => {
                self.conditions(conditions)?;
                self.block(block, |clause| self.clause(clause))
            }
        }
    }

    fn let_value(&self, value: &LetValue) -> Result<(), String> {
        match value {
            LetValue::Lit(_) => Ok(()),
            LetValue::Query(query) => self.parts(&query.parts),
            LetValue::Call(call) => call.args.iter().try_for_each(|arg| self.let_value(arg)),
        }
    }

    fn parts(&self, parts: &[Part]) -> Result<(), String> {
        for part in parts {
            match part {
                Part::Filter(conj) => conj.iter().flatten().try_for_each(|c| self.clause(c))?,
                Part::MapKeyFilter(_, value) => self.let_value(value)?,
                _ => {}
            }
        }
        Ok(())
    }
}

//! A native evaluator for Guard rules files: cfn-guard parses (it stays the reference grammar
//! and reports syntax errors), this module evaluates, with cfn-guard's semantics and report,
//! directly over the JSON documents without copying them.
//!
//! A file is compiled once ([`Program::compile`]) from cfn-guard's syntax tree; a file using
//! anything outside the supported subset is refused with the reason, and the caller evaluates
//! it with cfn-guard as before. [`Program::evaluate`] returns, for one document, the failures
//! `engine::evaluate_batch` returns for it. The differential tests in `tests.rs` hold the two
//! to that.
//!
//! Supported: file, rule and block `let`s (literals, queries, `some` queries, function calls);
//! queries with keys (case-converted retries included), `*`, `[*]`, indexes, `this`, filters,
//! map key filters (`[ keys == ... ]`), variables first or as keys (`Resources.%ids[0]`);
//! every operator with `not`/`!`; `exists`, `empty`, `is_*`; `in` with lists, ranges and
//! regexes; block clauses, `when` blocks, type blocks (with `when`), rule `when` conditions,
//! named rules and parameterized rules, `or`, custom messages; the functions `regex_replace`,
//! `substring`, `join`, `url_decode`, `to_lower`, `to_upper`, `count`, `parse_int`,
//! `parse_float`, `parse_string`, `parse_boolean` (pattern, bounds and delimiter literal).
//! Refused: `json_parse`, `parse_char`, `now`, `parse_epoch`, captured key names (`[ k | ...]`),
//! block clauses with `!empty`, references to undefined rules, regexes the `regex` crate does not
//! take (look-around), and literals whose type the text leaves ambiguous.

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
        let parameterized: Vec<(&str, usize)> = file
            .parameterized
            .iter()
            .map(|(parameters, rule)| (rule.name.as_str(), parameters.len()))
            .collect();
        let check = Checker {
            names: &names,
            parameterized: &parameterized,
        };
        for each in &file.lets {
            check.let_value(&each.value)?;
        }
        let bodies = file.parameterized.iter().map(|(_, rule)| rule);
        for rule in file.rules.iter().chain(bodies) {
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
                    parameterized: Vec::new(),
                },
            }),
            Err(error) => Err(error.message),
        }
    }

    /// All rules of the file against one document (document index 0 in the failures).
    /// `Err(message)` where cfn-guard's call would stop with an error on this document.
    pub fn evaluate(&self, document: &Value) -> Result<Vec<Failure>, String> {
        // The document as cfn-guard reads it, through YAML.
        let folded_document;
        let document = match reading(document) {
            Reading::Unchanged => document,
            Reading::Folded => {
                folded_document = folded(document);
                &folded_document
            }
            Reading::Unreadable => return Err(unreadable_error(document)),
        };
        let root = Item::json(document);
        let frame = Frame::new(&self.file.lets, root.clone(), None);
        let mut ev = Ev {
            program: self,
            root,
            root_frame: &frame,
            statuses: Vec::new(),
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
    /// Parameterized rules and their number of parameters (the last definition of a name).
    parameterized: &'n [(&'n str, usize)],
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
                WhenClause::Call(call) => self.call(call)?,
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

    fn call(&self, call: &ast::RuleCall) -> Result<(), String> {
        let name = call.named.rule.as_str();
        match self
            .parameterized
            .iter()
            .rev()
            .find(|(rule, _)| *rule == name)
        {
            // cfn-guard's errors for these name the candidates in hash order.
            None => Err(format!(
                "a call of an undefined parameterized rule `{name}`"
            )),
            Some((_, arity)) if *arity != call.args.len() => Err(format!(
                "a call of `{name}` with the wrong number of arguments"
            )),
            Some(_) => call.args.iter().try_for_each(|arg| self.let_value(arg)),
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
            Clause::Call(call) => self.call(call),
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

/// What cfn-guard's YAML reader makes of the document's JSON text.
#[derive(PartialEq)]
enum Reading {
    Unchanged,
    /// Strings with line breaks YAML knows and JSON does not (NEL, LS, PS) are folded.
    Folded,
    /// Refused: a character YAML does not allow unescaped (JSON leaves it so), or a key
    /// longer than 1024 bytes as written, or broken by a line break.
    Unreadable,
}

fn reading(value: &Value) -> Reading {
    fn string(text: &str, key: bool) -> Reading {
        if text.is_ascii() && !text.contains('\u{7f}') {
            return Reading::Unchanged;
        }
        let mut reading = Reading::Unchanged;
        for c in text.chars() {
            let printable = matches!(c, '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
                || (c as u32) < 0x20;
            if !printable || (key && is_yaml_break(c)) {
                return Reading::Unreadable;
            }
            if is_yaml_break(c) {
                reading = Reading::Folded;
            }
        }
        reading
    }
    fn worst(a: Reading, b: Reading) -> Reading {
        match (a, b) {
            (Reading::Unreadable, _) | (_, Reading::Unreadable) => Reading::Unreadable,
            (Reading::Folded, _) | (_, Reading::Folded) => Reading::Folded,
            _ => Reading::Unchanged,
        }
    }
    match value {
        Value::String(text) => string(text, false),
        Value::Array(items) => items.iter().map(reading).fold(Reading::Unchanged, worst),
        Value::Object(map) => {
            let mut all = Reading::Unchanged;
            for (key, value) in map {
                let long = key.len() + 2 > 1024
                    || (key.len() * 6 + 2 > 1024
                        && Value::String(key.clone()).to_string().len() > 1024);
                if long {
                    return Reading::Unreadable;
                }
                all = worst(all, worst(string(key, true), reading(value)));
                if all == Reading::Unreadable {
                    return all;
                }
            }
            all
        }
        _ => Reading::Unchanged,
    }
}

/// cfn-guard's error for a document it cannot read, as `engine::evaluate_batch` words it.
fn unreadable_error(document: &Value) -> String {
    let content = document.to_string();
    let end = content.len().min(100);
    if !content.is_char_boundary(end) {
        // cfn-guard slices the text at byte 100 and panics.
        return "cfn-guard stopped on an internal error".to_string();
    }
    format!(
        "cfn-guard failed: Parser Error when parsing `Error encountered while parsing data \
         file: DATA_STDIN[1], data beginning with \n{}\n ...`",
        &content[..end]
    )
}

/// Line breaks to YAML but not to JSON, which writes them unescaped.
fn is_yaml_break(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// The document with its strings as YAML reads them in double quotes (libyaml's folding of
/// line breaks: spaces around a break dropped, a lone NEL read as a space, LS and PS kept).
fn folded(value: &Value) -> Value {
    match value {
        Value::String(text) if text.chars().any(is_yaml_break) => Value::String(fold(text)),
        Value::Array(items) => Value::Array(items.iter().map(folded).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| (key.clone(), folded(value)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn fold(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        if chars[at] != ' ' && !is_yaml_break(chars[at]) {
            out.push(chars[at]);
            at += 1;
            continue;
        }
        let mut whitespace = String::new();
        let mut leading_break = None;
        let mut trailing = String::new();
        while at < chars.len() && (chars[at] == ' ' || is_yaml_break(chars[at])) {
            let c = chars[at];
            // libyaml reads NEL as a newline and keeps LS and PS as they are.
            let read = if c == '\u{85}' { '\n' } else { c };
            if c == ' ' {
                if leading_break.is_none() {
                    whitespace.push(' ');
                }
            } else if leading_break.is_none() {
                whitespace.clear();
                leading_break = Some(read);
            } else {
                trailing.push(read);
            }
            at += 1;
        }
        match leading_break {
            Some('\n') if trailing.is_empty() => out.push(' '),
            Some('\n') => out.push_str(&trailing),
            Some(other) => {
                out.push(other);
                out.push_str(&trailing);
            }
            None => out.push_str(&whitespace),
        }
    }
    out
}

//! What a failed rule reports, in the shape of cfn-guard's structured report, read back by
//! the same code that reads cfn-guard's (`engine::read_reports`), so which failures come out,
//! with which paths and messages, is decided in one place for both evaluators.
//!
//! A [`Rep`] is one entry of cfn-guard's `not_compliant` tree. Entries hold borrowed values;
//! their paths and Guard's own messages are written out only for rules that failed.

use serde_json::{json, Value};

use super::ast::{display_parts, Op};
use super::compare::NotComparable;
use super::query::{Unres, QR};
use super::value::Item;
use crate::policy::guard::engine::{self, Failure};

pub(super) enum Rep<'a> {
    Rule {
        name: &'a str,
        /// Why the rule failed when nothing in it did (an undecidable condition).
        message: Option<String>,
        checks: Vec<Rep<'a>>,
    },
    Block {
        context: Context<'a>,
        message: String,
    },
    Disjunctions(Vec<Rep<'a>>),
    /// A block clause's value that is missing; the clause's location.
    MissingBlockValue(Unres<'a>, &'a str),
    Unary {
        custom: Option<&'a str>,
        /// The clause as cfn-guard displays it (its report's `context`), which groups the
        /// checks one clause makes; empty for a filter's inner comparisons.
        context: &'a str,
        from: QR<'a>,
        op: Op,
        not: bool,
        error: Option<String>,
    },
    NoValueForEmpty {
        custom: Option<&'a str>,
        context: &'a str,
    },
    DependentRule {
        custom: Option<&'a str>,
        rule: &'a str,
        context: &'a str,
    },
    Comparison {
        custom: Option<&'a str>,
        context: &'a str,
        from: QR<'a>,
        to: Option<QR<'a>>,
        op: Op,
        not: bool,
        message: Option<NotComparable<'a>>,
    },
    InComparison {
        custom: Option<&'a str>,
        context: &'a str,
        from: Item<'a>,
        to: Vec<QR<'a>>,
    },
}

/// The record a block-shaped report comes from, as cfn-guard names it (its `context`).
#[derive(Clone, Copy)]
pub(super) enum Context<'a> {
    /// A comparison clause, by its display.
    Clause(&'a str),
    TypeBlock(&'a str),
    /// A `when` block inside a block, or at the top of a rule.
    When(bool),
    /// A block clause, by its location.
    BlockClause(&'a str),
    /// A disjunction of clauses of this type.
    Disjunction(&'static str),
}

impl Context<'_> {
    fn text(self) -> String {
        match self {
            Context::Clause(display) => format!("GuardAccessClause#block{display}"),
            Context::TypeBlock(name) => format!("TypeBlock#{name}"),
            Context::When(true) => "RuleClause".to_string(),
            Context::When(false) => "GuardConditionClause".to_string(),
            Context::BlockClause(location) => format!("BlockGuardClause#{location}"),
            Context::Disjunction(name) => format!("{name}#disjunction"),
        }
    }
}

/// cfn-guard panics on these (a literal reported as a failing value); its caller then reports
/// this error for the document.
const INTERNAL_ERROR: &str = "cfn-guard stopped on an internal error";

/// The failures of the rules that failed, as `engine::evaluate_batch` reports them.
pub(super) fn failures(reps: &[Rep<'_>], root: &Value) -> Result<Vec<Failure>, String> {
    let mut checks = Vec::with_capacity(reps.len());
    for rep in reps {
        // Guard's own messages are read only for a rule none of whose checks has a custom
        // message; they are not written otherwise.
        let errors = !has_custom(rep);
        if let Some(value) = to_json(rep, errors, root)? {
            checks.push(value);
        }
    }
    Ok(engine::read_reports(&json!([{ "not_compliant": checks }])))
}

/// Whether a custom message reads as something (the report reader drops blank ones).
fn meaningful(text: &str) -> bool {
    text.chars().any(|c| !c.is_whitespace() && c != ';')
}

/// Whether the report reader finds a custom message for a failed rule: its own, or one of
/// the checks it reads as leaves (a nested rule is a leaf only when it has no checks).
fn has_custom(rep: &Rep<'_>) -> bool {
    match rep {
        Rep::Rule {
            message, checks, ..
        } => message.as_deref().is_some_and(meaningful) || checks.iter().any(leaf_custom),
        other => leaf_custom(other),
    }
}

fn leaf_custom(rep: &Rep<'_>) -> bool {
    match rep {
        Rep::Rule {
            message, checks, ..
        } if checks.is_empty() => message.as_deref().is_some_and(meaningful),
        Rep::Rule { checks, .. } | Rep::Disjunctions(checks) => checks.iter().any(leaf_custom),
        Rep::Block { .. } | Rep::MissingBlockValue(..) => false,
        Rep::Unary { custom, .. }
        | Rep::NoValueForEmpty { custom, .. }
        | Rep::DependentRule { custom, .. }
        | Rep::Comparison { custom, .. }
        | Rep::InComparison { custom, .. } => custom.is_some_and(meaningful),
    }
}

fn all(reps: &[Rep<'_>], errors: bool, root: &Value) -> Result<Vec<Value>, String> {
    let mut out = Vec::with_capacity(reps.len());
    for rep in reps {
        if let Some(value) = to_json(rep, errors, root)? {
            out.push(value);
        }
    }
    Ok(out)
}

fn unary_message(op: Op, not: bool) -> &'static str {
    match (op, not) {
        (Op::Exists, true) => "existed",
        (Op::Exists, false) => "did not exist",
        (Op::Empty, true) => "was empty",
        (Op::Empty, false) => "was not empty",
        (Op::IsList, true) => "was a list ",
        (Op::IsList, false) => "was not list",
        (Op::IsMap, true) => "was a struct",
        (Op::IsMap, false) => "was not struct",
        (Op::IsString, true) => "was a string ",
        (Op::IsString, false) => "was not string",
        (Op::IsInt, true) => "was int",
        (Op::IsInt, false) => "was not int",
        (Op::IsBool, true) => "was bool",
        (Op::IsBool, false) => "was not bool",
        (Op::IsNull, true) => "was null",
        (Op::IsNull, false) => "was not null",
        (_, true) => "was float",
        (_, false) => "was not float",
    }
}

fn binary_message(op: Op, not: bool) -> &'static str {
    match (op, not) {
        (Op::Eq, true) => "equal to",
        (Op::Eq, false) => "not equal to",
        (Op::Le, true) => "less than equal to",
        (Op::Le, false) => "not less than equal to",
        (Op::Lt, true) => "less than",
        (Op::Lt, false) => "not less than",
        (Op::Ge, true) => "greater than equal to",
        (Op::Ge, false) => "not greater than equal",
        (Op::Gt, true) => "greater than",
        (Op::Gt, false) => "not greater than",
        (_, true) => "in",
        (_, false) => "not in",
    }
}

/// One entry of the report; Guard's own messages only when `errors`.
fn to_json(rep: &Rep<'_>, errors: bool, root: &Value) -> Result<Option<Value>, String> {
    let pav = |item: &Item<'_>| json!({ "path": item.path_text(root) });
    let unresolved_json =
        |unresolved: &Unres<'_>| json!({ "traversed_to": pav(&unresolved.traversed_to) });
    let display_result = |result: &QR<'_>| match result {
        QR::Lit(item) => format!("literal, {}", item.display(root)),
        QR::Res(item) => format!("(resolved, {})", item.display(root)),
        QR::Unres(unresolved) => format!("(unresolved, {})", unresolved.traversed_to.display(root)),
    };
    let messages = |custom: Option<&str>, error: &dyn Fn() -> String| {
        json!({
            "custom_message": custom.unwrap_or(""),
            "error_message": if errors { Value::String(error()) } else { Value::Null },
        })
    };
    Ok(Some(match rep {
        Rep::Rule {
            name,
            message,
            checks,
        } => json!({ "Rule": {
            "name": name,
            "messages": { "custom_message": message, "error_message": null },
            "checks": all(checks, errors, root)?,
        }}),
        Rep::Block { context, message } => json!({ "Block": {
            "context": context.text(),
            "messages": { "custom_message": null, "error_message": message },
            "unresolved": null,
        }}),
        Rep::Disjunctions(checks) => {
            json!({ "Disjunctions": { "checks": all(checks, errors, root)? } })
        }
        Rep::MissingBlockValue(unresolved, location) => json!({ "Block": {
            "context": format!("GuardBlockAccessClause#{location}"),
            "messages": messages(None, &|| format!(
                "Check was not compliant as property [{}] is missing. Value traversed to [{}]",
                display_parts(unresolved.remaining),
                unresolved.traversed_to.display(root)
            )),
            "unresolved": unresolved_json(unresolved),
        }}),
        Rep::NoValueForEmpty { custom, context } => json!({ "Clause": { "Unary": {
            "context": context,
            "check": { "UnResolvedContext": context },
            "messages": {
                "custom_message": custom.map_or(String::new(), |text| text.replace('\n', ";")),
                "error_message": format!(
                    "Check was not compliant as variable in context [{context}] was not empty"
                ),
            },
        }}}),
        Rep::DependentRule {
            custom,
            rule,
            context,
        } => json!({ "Clause": { "Unary": {
            "context": context,
            "check": { "UnResolvedContext": rule },
            "messages": messages(*custom, &|| format!(
                "Check was not compliant as dependent rule [{rule}] did not PASS. Context [{context}]"
            )),
        }}}),
        Rep::Unary {
            custom,
            context,
            from,
            op,
            not,
            error,
        } => {
            let error = || {
                error
                    .as_ref()
                    .map_or(String::new(), |error| format!("Error = [{error}]"))
            };
            let (message, check, unknown): (&dyn Fn() -> String, Value, bool) = match from {
                QR::Lit(_) => return Err(INTERNAL_ERROR.to_string()),
                QR::Res(item) => (
                    &move || {
                        format!(
                            "Check was not compliant as property [{}] {}.{}",
                            item.path_text(root),
                            unary_message(*op, *not),
                            error()
                        )
                    },
                    json!({ "Resolved": { "value": pav(item) } }),
                    item.mentions_unknown(),
                ),
                QR::Unres(unresolved) => (
                    &move || {
                        format!(
                            "Check was not compliant as property [{}] is missing. Value traversed to [{}].{}",
                            display_parts(unresolved.remaining),
                            unresolved.traversed_to.display(root),
                            error()
                        )
                    },
                    json!({ "UnResolved": { "value": unresolved_json(unresolved) } }),
                    false,
                ),
            };
            json!({ "Clause": { "Unary": {
                "check": check,
                "messages": messages(*custom, message),
                "context": context,
                "unknown": unknown,
            } } })
        }
        Rep::Comparison {
            custom,
            context,
            from,
            to,
            op,
            not,
            message,
        } => {
            let error = || {
                message.as_ref().map_or(String::new(), |error| {
                    format!(" Error = [{}]", error.text(root))
                })
            };
            let (text, check, unknown): (&dyn Fn() -> String, Value, bool) = match (from, to) {
                (QR::Lit(_), _) | (_, Some(QR::Lit(_))) => return Err(INTERNAL_ERROR.to_string()),
                (QR::Unres(unresolved), _) => (
                    &move || {
                        format!(
                            "Check was not compliant as property [{}] to compare from is missing. Value traversed to [{}].{}",
                            display_parts(unresolved.remaining),
                            unresolved.traversed_to.display(root),
                            error()
                        )
                    },
                    json!({ "UnResolved": { "value": unresolved_json(unresolved) } }),
                    false,
                ),
                (QR::Res(_), None) => return Ok(None),
                (QR::Res(from), Some(QR::Res(to))) => (
                    &move || {
                        format!(
                            "Check was not compliant as property value [{}] {} value [{}].{}",
                            from.display(root),
                            binary_message(*op, *not),
                            to.display(root),
                            error()
                        )
                    },
                    json!({ "Resolved": { "from": pav(from), "to": pav(to) } }),
                    from.mentions_unknown() || to.mentions_unknown(),
                ),
                (QR::Res(_), Some(QR::Unres(unresolved))) => (
                    &move || {
                        format!(
                            "Check was not compliant as property [{}] to compare to is missing. Value traversed to [{}].{}",
                            display_parts(unresolved.remaining),
                            unresolved.traversed_to.display(root),
                            error()
                        )
                    },
                    json!({ "UnResolved": { "value": unresolved_json(unresolved) } }),
                    false,
                ),
            };
            json!({ "Clause": { "Binary": {
                "check": check,
                "messages": messages(*custom, text),
                "context": context,
                "unknown": unknown,
            } } })
        }
        Rep::InComparison {
            custom,
            context,
            from,
            to,
        } => {
            let unknown = from.mentions_unknown()
                || to.iter().any(|result| match result {
                    QR::Res(item) => item.mentions_unknown(),
                    _ => false,
                });
            let error = || {
                let shown = to.iter().map(display_result).collect::<Vec<_>>().join(".");
                format!(
                    "Check was not compliant as property [{}] was not present in [{}]",
                    from.path_text(root),
                    shown.replace(".[", "[")
                )
            };
            let to: Vec<Value> = to
                .iter()
                .filter_map(|result| match result {
                    QR::Res(item) => Some(pav(item)),
                    _ => None,
                })
                .collect();
            json!({ "Clause": { "Binary": {
                "check": { "InResolved": { "from": pav(from), "to": to } },
                "context": context,
                "unknown": unknown,
                "messages": {
                    "custom_message": custom,
                    "error_message": if errors { Value::String(error()) } else { Value::Null },
                },
            }}})
        }
    }))
}

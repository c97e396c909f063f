//! The only place that talks to the `cfn-guard` crate.
//!
//! cfn-guard has no library API to parse a rules file once and evaluate it many times; what it
//! offers is its `validate` command in payload mode: rule texts and any number of data documents
//! in one call, with a structured JSON report per document. We use exactly that, one call per
//! batch of documents, and read the report back into [`Failure`]s. Its reported line numbers
//! are not used (they are off by one and point at parents): callers map the failing value's
//! path back to their own spans. Rule files are syntax-checked one by one beforehand, so a
//! broken file is reported at its line and kept out of the batch.

use cfn_guard::commands::validate::{OutputFormatType, ShowSummaryType};
use cfn_guard::commands::Executable;
use cfn_guard::utils::reader::{ReadBuffer, Reader};
use cfn_guard::utils::writer::{WriteBuffer, Writer};
use cfn_guard::{CommandBuilder, ValidateBuilder};
use serde_json::Value;

/// A syntax error in a rules file, with cfn-guard's 1-based position.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// One failed check of one rule on one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Index of the document in the batch.
    pub document: usize,
    /// The Guard rule's name (the outermost named rule that failed).
    pub rule: String,
    /// The JSON-pointer-like path of the failing value (`/Resources/Bad/Properties/Size`), or of
    /// the deepest value that exists when the queried one is missing.
    pub path: Option<String>,
    /// The rule's custom message (`<< ... >>`) when it has one, else Guard's own explanation.
    pub message: String,
    /// Whether the failed check read a value that cannot be known before deployment, on either
    /// side (`x in %list` with an unknown in the list).
    pub unknown: bool,
    /// Which clause of the rule failed (cfn-guard's `context`, the clause as text): the checks
    /// one clause makes on each value of a query (`some ports[*] == 443`) belong together.
    pub clause: Option<String>,
}

/// Parses a rules file with cfn-guard, the reference parser, and returns its syntax tree as
/// JSON (cfn-guard's own serialisation of its `RulesFile`; `None` for a file with no rules).
/// The native evaluator compiles from this tree, so the grammar stays cfn-guard's.
pub fn parse_tree(text: &str, name: &str) -> Result<Option<Value>, SyntaxError> {
    let parsed = std::panic::catch_unwind(|| {
        match cfn_guard::commands::validate::parse_rules(text, name) {
            // A tree that does not serialise (a float literal JSON cannot hold) is `Null`: the
            // native evaluator then refuses it and cfn-guard evaluates the file.
            Ok(Some(rules)) => Ok(Some(serde_json::to_value(&rules).unwrap_or(Value::Null))),
            Ok(None) => Ok(None),
            Err(error) => Err(error.to_string()),
        }
    });
    match parsed {
        Ok(Ok(tree)) => Ok(tree),
        Ok(Err(error)) => Err(syntax_error(&error)),
        Err(_) => Err(SyntaxError {
            line: 1,
            column: 1,
            message: "cfn-guard could not read this rules file".to_string(),
        }),
    }
}

/// cfn-guard's parse errors are text: "... at line L at column C, when handling CTX, fragment
/// REST-OF-FILE". The position and the context are what a user needs.
fn syntax_error(text: &str) -> SyntaxError {
    let number_after = |marker: &str| -> Option<usize> {
        let at = text.find(marker)? + marker.len();
        let digits: String = text[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    let context = text
        .split_once(", when handling ")
        .map(|(_, rest)| rest.split(", fragment").next().unwrap_or(rest).trim())
        .filter(|context| !context.is_empty());
    let near = text
        .split_once(", fragment ")
        .map(|(_, rest)| rest.trim_start())
        .and_then(|rest| rest.split_whitespace().next())
        .map(|token| {
            token
                .trim_end_matches('`')
                .chars()
                .take(40)
                .collect::<String>()
        })
        .filter(|token| !token.is_empty());
    let message = match (context, near) {
        (Some(context), Some(near)) => {
            format!("Guard syntax error near `{near}`: {context}")
        }
        (None, Some(near)) => format!("Guard syntax error near `{near}`"),
        (Some(context), None) => format!("Guard syntax error: {context}"),
        (None, None) => "Guard syntax error".to_string(),
    };
    SyntaxError {
        line: number_after(" at line ").unwrap_or(1).max(1),
        column: number_after(" at column ").unwrap_or(1).max(1),
        message,
    }
}

/// Evaluates every rule text against every document (JSON texts) in one cfn-guard call. A rule
/// that errors (an unresolved variable) stops cfn-guard's whole call, so then each document is
/// evaluated alone, and the documents it errors on are returned with the error.
pub fn evaluate_batch(
    rules: &[String],
    documents: &[String],
) -> (Vec<Failure>, Vec<(usize, String)>) {
    match evaluate(rules, documents) {
        Ok(failures) => (failures, Vec::new()),
        Err(_) if documents.len() > 1 => {
            let mut failures = Vec::new();
            let mut errors = Vec::new();
            for (index, document) in documents.iter().enumerate() {
                match evaluate(rules, std::slice::from_ref(document)) {
                    Ok(found) => failures.extend(found.into_iter().map(|mut failure| {
                        failure.document = index;
                        failure
                    })),
                    Err(message) => errors.push((index, message)),
                }
            }
            (failures, errors)
        }
        Err(message) => (Vec::new(), vec![(0, message)]),
    }
}

/// One cfn-guard call. A panic inside cfn-guard (hostile input it does not expect) is an error
/// for these documents, not the end of the scan.
fn evaluate(rules: &[String], documents: &[String]) -> Result<Vec<Failure>, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        evaluate_once(rules, documents)
    }))
    .unwrap_or_else(|_| Err("cfn-guard stopped on an internal error".to_string()))
}

fn evaluate_once(rules: &[String], documents: &[String]) -> Result<Vec<Failure>, String> {
    if rules.is_empty() || documents.is_empty() {
        return Ok(Vec::new());
    }
    let payload = serde_json::json!({ "rules": rules, "data": documents }).to_string();
    let command = ValidateBuilder::default()
        .payload(true)
        .structured(true)
        .output_format(OutputFormatType::JSON)
        .show_summary(vec![ShowSummaryType::None])
        .try_build()
        .map_err(|error| format!("cannot set up cfn-guard: {error}"))?;
    let mut reader = Reader::new(ReadBuffer::Cursor(std::io::Cursor::new(
        payload.into_bytes(),
    )));
    let mut writer =
        Writer::new_with_err(WriteBuffer::Vec(Vec::new()), WriteBuffer::Vec(Vec::new()))
            .map_err(|error| format!("cannot set up cfn-guard: {error}"))?;
    command
        .execute(&mut writer, &mut reader)
        .map_err(|error| format!("cfn-guard failed: {error}"))?;
    let output = writer
        .into_string()
        .map_err(|error| format!("cfn-guard output: {error}"))?;
    let reports: Value = serde_json::from_str(&output)
        .map_err(|error| format!("cannot read cfn-guard's report: {error}"))?;
    Ok(read_reports(&reports))
}

/// Reads the `not_compliant` clauses of each document's report.
pub(super) fn read_reports(reports: &Value) -> Vec<Failure> {
    let mut failures = Vec::new();
    for (document, report) in reports.as_array().into_iter().flatten().enumerate() {
        for clause in report["not_compliant"].as_array().into_iter().flatten() {
            // The top level is one entry per failed named rule.
            let Some(rule) = clause.get("Rule") else {
                continue;
            };
            let name = rule["name"].as_str().unwrap_or("default").to_string();
            let mut leaves = Vec::new();
            collect_leaves(&rule["checks"], &mut leaves);
            // The message a leaf without its own falls back to: the rule's custom message, or
            // the first custom message of its clauses (a filter's inner comparisons have none).
            let fallback = custom_message(&rule["messages"])
                .or_else(|| leaves.iter().find_map(|leaf| leaf.custom.clone()));
            // A clause about a whole context (a filter that came out empty) has no path; when
            // its comparisons have one, they say more.
            // Likewise a comparison whose values are all parameters (`Iacguard.Policy`), when
            // others of the rule name a resource.
            let on_resource = |leaf: &Leaf| {
                leaf.path
                    .as_deref()
                    .is_some_and(|path| path.starts_with("/Resources/"))
            };
            if leaves.iter().any(on_resource) {
                leaves.retain(on_resource);
            } else if leaves.iter().any(|leaf| leaf.path.is_some()) {
                leaves.retain(|leaf| leaf.path.is_some());
            }
            if leaves.is_empty() {
                leaves.push(Leaf::default());
            }
            for leaf in leaves {
                let message = leaf
                    .custom
                    .or_else(|| fallback.clone())
                    .or(leaf.error)
                    .unwrap_or_else(|| format!("Guard rule `{name}` failed"));
                failures.push(Failure {
                    document,
                    rule: name.clone(),
                    path: leaf.path,
                    message,
                    unknown: leaf.unknown,
                    clause: leaf.clause,
                });
            }
        }
    }
    failures
}

#[derive(Default)]
struct Leaf {
    path: Option<String>,
    custom: Option<String>,
    error: Option<String>,
    unknown: bool,
    clause: Option<String>,
}

impl Leaf {
    /// A leaf of `report`, the part of the report about one check.
    fn new(path: Option<String>, report: &Value) -> Leaf {
        let messages = &report["messages"];
        Leaf {
            path,
            custom: custom_message(messages),
            error: error_message(messages),
            unknown: compared_unknown(report),
            // A filter's inner comparisons have an empty context: they are not grouped.
            clause: report["context"]
                .as_str()
                .filter(|context| !context.trim().is_empty())
                .map(str::to_string),
        }
    }
}

/// Whether a check compared a value unknown before deployment, on either side: the values in
/// its report (cfn-guard's) or the `unknown` mark the native evaluator's report carries, which
/// does not write values out. Only the compared values count: an unresolved query's report
/// holds the whole map it stopped at, unknowns of other keys included.
fn compared_unknown(report: &Value) -> bool {
    use super::document::mentions_unknown;
    let check = &report["check"];
    let values = [
        &check["Resolved"]["from"]["value"],
        &check["Resolved"]["to"]["value"],
        &check["Resolved"]["value"]["value"],
        &check["InResolved"]["from"]["value"],
    ];
    report["unknown"].as_bool() == Some(true)
        || values.into_iter().any(mentions_unknown)
        || check["InResolved"]["to"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|to| mentions_unknown(&to["value"]))
}

/// A `<< ... >>` message on one line.
fn custom_message(messages: &Value) -> Option<String> {
    one_line(messages["custom_message"].as_str()?)
}

/// Guard's own explanation, without its (unreliable) `[L:n,C:m]` positions.
fn error_message(messages: &Value) -> Option<String> {
    let text = messages["error_message"].as_str()?;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("[L:") {
        out.push_str(&rest[..at]);
        rest = rest[at..].find(']').map_or("", |end| &rest[at + end + 1..]);
    }
    out.push_str(rest);
    one_line(&out.replace("Path= ", "").replace("Path=", "path "))
}

/// Joins a message's lines. Guard joins the messages of nested blocks with `;`: each distinct
/// part is kept once.
fn one_line(text: &str) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for part in text.split(';') {
        let words: Vec<&str> = part.split_whitespace().collect();
        let part = words.join(" ");
        if !part.is_empty() && !parts.contains(&part) {
            parts.push(part);
        }
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The failed leaf checks under a rule report, each with the path of the value it looked at and
/// its message. Nested rules (`rule a { b }`) and disjunctions are walked through.
fn collect_leaves(checks: &Value, out: &mut Vec<Leaf>) {
    for check in checks.as_array().into_iter().flatten() {
        if let Some(rule) = check.get("Rule") {
            let before = out.len();
            collect_leaves(&rule["checks"], out);
            if out.len() == before {
                out.push(Leaf::new(None, rule));
            }
        } else if let Some(disjunctions) = check.get("Disjunctions") {
            collect_leaves(&disjunctions["checks"], out);
        } else if let Some(block) = check.get("Block") {
            let path = block["unresolved"]["traversed_to"]["path"]
                .as_str()
                .map(str::to_string);
            out.push(Leaf::new(path, block));
        } else if let Some(clause) = check.get("Clause") {
            let (report, inner) = match (clause.get("Unary"), clause.get("Binary")) {
                (Some(unary), _) => (unary, &unary["check"]),
                (None, Some(binary)) => (binary, &binary["check"]),
                _ => continue,
            };
            out.push(Leaf::new(value_path(inner), report));
        }
    }
}

/// The path of the value a clause judged: the resolved value, or for a query that stopped
/// short (a missing key), the deepest value it reached.
fn value_path(check: &Value) -> Option<String> {
    let body = check
        .get("Resolved")
        .or_else(|| check.get("InResolved"))
        .or_else(|| check.get("UnResolved"))?;
    let value = body
        .get("value")
        .or_else(|| body.get("from"))
        .unwrap_or(&Value::Null);
    let value = value.get("traversed_to").unwrap_or(value);
    let from = value["path"].as_str().filter(|path| !path.is_empty());
    // `%required in Properties.Tags[*].Key` fails on the left-hand value, a parameter; the
    // resource's side of the comparison is what the finding is about.
    // Several values on that side (the keys of a tag list): the list holding them.
    let to = || -> Option<String> {
        let paths: Vec<&str> = match &body["to"] {
            Value::Array(values) => values.iter().filter_map(|v| v["path"].as_str()).collect(),
            other => other["path"].as_str().into_iter().collect(),
        };
        let first = *paths.first()?;
        if paths.len() == 1 {
            return Some(first.to_string());
        }
        let mut common: Vec<&str> = first.split('/').collect();
        for path in &paths[1..] {
            let same = common
                .iter()
                .zip(path.split('/'))
                .take_while(|(a, b)| *a == b)
                .count();
            common.truncate(same);
        }
        Some(common.join("/"))
    };
    match from {
        Some(path) if path.starts_with("/Resources/") => Some(path.to_string()),
        _ => to()
            .filter(|path| path.starts_with("/Resources/"))
            .or(from.map(str::to_string)),
    }
}

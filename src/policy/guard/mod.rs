//! Custom policies in AWS CloudFormation Guard's DSL.
//!
//! A Guard rules file (`--ruleset policies/tags.guard`, or a shipped pack such as
//! `--ruleset guard:required-tags`) is parsed once per run by cfn-guard's own parser; a broken
//! file is an error notice at its line while everything else is still scanned. The valid files
//! are evaluated against one document per file: CloudFormation templates as written, everything
//! else as the model document of [`document`] (printed by `iacguard model`). Evaluation is
//! iacguard's [`native`] evaluator over cfn-guard's parse tree; a file it cannot evaluate exactly
//! goes to cfn-guard in batches ([`engine`], the only module that uses the `cfn-guard` crate).
//! Each failure becomes a [`Finding`] of rule `GUARD-<NAME>`, with the rule's custom message,
//! located by mapping the path Guard reports through our spans.

mod document;
mod engine;
pub mod native;

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;

use crate::finding::Finding;
use crate::model::Resource;
use crate::notice::{Notice, NoticeLevel};
use crate::policy::org::OrgPolicy;
use crate::rules::{RuleMeta, Severity};
use crate::source::{FileId, SourceFile, Sources, Span};

pub use document::unknown_text;

/// Guard packs shipped in the binary, by the name `--ruleset guard:<name>` takes.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "allowed-regions",
        include_str!("../../../rulesets/guard/allowed-regions.guard"),
    ),
    (
        "approved-registries",
        include_str!("../../../rulesets/guard/approved-registries.guard"),
    ),
    (
        "no-public-ips",
        include_str!("../../../rulesets/guard/no-public-ips.guard"),
    ),
    (
        "required-tags",
        include_str!("../../../rulesets/guard/required-tags.guard"),
    ),
];

/// The prefix that names a shipped pack.
const PACK_PREFIX: &str = "guard:";

/// Whether a `--ruleset` value names Guard rules rather than a profile.
pub fn is_guard(name: &str) -> bool {
    name.starts_with(PACK_PREFIX) || name.to_ascii_lowercase().ends_with(".guard")
}

/// One Guard rules file, read but not yet checked.
#[derive(Debug, Clone)]
pub struct GuardFile {
    /// As shown in reports: the path given, or `guard:<pack>`.
    pub display: String,
    pub path: Option<PathBuf>,
    pub text: String,
}

impl GuardFile {
    /// A shipped pack (`guard:required-tags`) or a `.guard` file.
    pub fn load(name: &str) -> Result<GuardFile, String> {
        if let Some(pack) = name.strip_prefix(PACK_PREFIX) {
            return BUILTIN
                .iter()
                .find(|(builtin, _)| *builtin == pack)
                .map(|(_, text)| GuardFile {
                    display: name.to_string(),
                    path: None,
                    text: text.to_string(),
                })
                .ok_or_else(|| {
                    let names: Vec<String> = BUILTIN
                        .iter()
                        .map(|(builtin, _)| format!("{PACK_PREFIX}{builtin}"))
                        .collect();
                    format!(
                        "`{name}` is not a shipped Guard pack ({})",
                        names.join(", ")
                    )
                });
        }
        let text = std::fs::read_to_string(name)
            .map_err(|error| format!("cannot read Guard rules `{name}`: {error}"))?;
        let path = PathBuf::from(name);
        // Shown relative to the working directory, like scanned files.
        let shown = std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(cwd).ok().map(|p| p.display().to_string()))
            .unwrap_or_else(|| name.to_string());
        Ok(GuardFile {
            display: shown.trim_start_matches("./").replace('\\', "/"),
            path: Some(path),
            text,
        })
    }
}

/// Which evaluator runs Guard rules.
///
/// cfn-guard is the reference, but it costs far more than the whole built-in scan (it clones
/// every resource value at each query step and formats a record of every clause), so rules run
/// on iacguard's own evaluator over cfn-guard's parse tree. A file that uses something the
/// native evaluator cannot evaluate exactly goes to cfn-guard, with a note saying why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Engine {
    #[default]
    Native,
    /// Every file through cfn-guard (`--guard-engine cfn-guard`): to compare, or to work around
    /// a difference in the native evaluator.
    CfnGuard,
}

/// A valid rules file and the way it will be evaluated.
struct Checked {
    file: GuardFile,
    /// `None`: evaluated by cfn-guard.
    program: Option<native::Program>,
    /// Why the native evaluator does not take it, when it was asked to.
    fallback: Option<String>,
}

/// The rule files of a run, checked: the valid ones, and the broken files with their error.
pub struct Prepared {
    checked: Vec<Checked>,
    broken: Vec<(GuardFile, engine::SyntaxError)>,
}

/// Parses every file once (cfn-guard's parser), and compiles it for the native evaluator when
/// that is the engine.
pub fn prepare(files: &[GuardFile], choice: Engine) -> Prepared {
    let mut prepared = Prepared {
        checked: Vec::new(),
        broken: Vec::new(),
    };
    for file in files {
        let tree = match engine::parse_tree(&file.text, &file.display) {
            Ok(Some(tree)) => tree,
            // Only comments: nothing to evaluate.
            Ok(None) => continue,
            Err(error) => {
                prepared.broken.push((file.clone(), error));
                continue;
            }
        };
        let (program, fallback) = match choice {
            Engine::CfnGuard => (None, None),
            Engine::Native => match native::Program::compile(&tree, &file.text) {
                Ok(program) => (Some(program), None),
                Err(reason) => (None, Some(reason)),
            },
        };
        prepared.checked.push(Checked {
            file: file.clone(),
            program,
            fallback,
        });
    }
    prepared
}

impl Prepared {
    pub fn is_empty(&self) -> bool {
        self.checked.is_empty() && self.broken.is_empty()
    }

    /// A note for each file the native evaluator handed to cfn-guard: the scan is slower, and
    /// the user can see why.
    pub fn fallback_notices(&self, notices: &mut Vec<Notice>) {
        for checked in &self.checked {
            if let Some(reason) = &checked.fallback {
                notices.push(Notice::file(
                    NoticeLevel::Note,
                    None,
                    &checked.file.display,
                    format!("evaluated with cfn-guard, which is slower: {reason}"),
                ));
            }
        }
    }

    /// The broken files, as sources to show code frames from.
    pub fn broken_sources(&self) -> Vec<SourceFile> {
        self.broken
            .iter()
            .map(|(file, _)| {
                SourceFile::new(file.path.clone(), file.display.clone(), file.text.clone())
            })
            .collect()
    }

    /// An error notice at the line of each broken file, once `sources` holds them. Returns the
    /// ids of those files, which are not IaC and must not be scanned.
    pub fn syntax_notices(&self, sources: &Sources, notices: &mut Vec<Notice>) -> Vec<FileId> {
        let mut ids = Vec::new();
        for (file, error) in &self.broken {
            let Some(id) = sources.ids().find(|&id| {
                sources.get(id).display == file.display && sources.get(id).text == file.text
            }) else {
                continue;
            };
            ids.push(id);
            let source = sources.get(id);
            let offset = offset_of(&source.text, error.line, error.column);
            let end = source.text[offset..]
                .find('\n')
                .map_or(source.text.len(), |n| offset + n);
            notices.push(Notice::at(
                NoticeLevel::Error,
                Span::new(id, offset, end),
                &source.display,
                format!(
                    "{}; the rules of this file were not evaluated",
                    error.message
                ),
            ));
        }
        ids
    }
}

/// The byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        .min(text.len());
    let line_text = text[line_start..].split('\n').next().unwrap_or("");
    let within = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_text.len(), |(at, _)| at);
    line_start + within
}

/// Documents per cfn-guard call: large enough that parsing the rules once per call is noise,
/// small enough that every core gets work.
const MIN_BATCH: usize = 64;

/// Evaluates the valid rules against every resource of the scan. Findings carry the index of
/// their resource; suppressions and fingerprints are applied by the caller like for any rule.
pub fn run(
    prepared: &Prepared,
    resources: &[Resource],
    sources: &Sources,
    policy: &OrgPolicy,
    notices: &mut Vec<Notice>,
) -> Vec<Finding> {
    if prepared.checked.is_empty() || resources.is_empty() {
        return Vec::new();
    }
    let documents = document::build(resources, sources, policy);
    let mut results = evaluate_native(prepared, &documents);
    results.extend(evaluate_cfn_guard(prepared, &documents));
    let mut placed: Vec<(engine::Failure, document::Located)> = Vec::new();
    for (failures, errors) in results {
        for (index, message) in errors {
            if let Some(document) = documents.get(index) {
                let path = &sources.get(document.file).display;
                notices.push(Notice::at(
                    NoticeLevel::Error,
                    Span::file_start(document.file),
                    path,
                    format!("Guard rules could not be evaluated on this file: {message}"),
                ));
            }
        }
        for mut failure in failures {
            tidy(&mut failure);
            let Some(document) = documents.get(failure.document) else {
                continue;
            };
            let Some(located) = document.locate(failure.path.as_deref(), resources) else {
                continue;
            };
            placed.push((failure, located));
        }
    }
    // Unknown is not insecure: when a clause of a rule read an unknown value on a resource (a
    // `some` whose only candidate is unknown, an `in` against a list holding one), the unknown
    // may satisfy it, so that clause says nothing about that resource; the rule's other
    // clauses still do.
    let undecided: HashSet<(&str, usize, &str)> = placed
        .iter()
        .filter(|(failure, located)| failure.unknown || located.unknown)
        .filter_map(|(failure, located)| {
            Some((
                failure.rule.as_str(),
                located.resource,
                failure.clause.as_deref()?,
            ))
        })
        .collect();
    let mut findings = Vec::new();
    for (failure, located) in &placed {
        let clause = failure.clause.as_deref();
        if failure.unknown
            || located.unknown
            || clause.is_some_and(|clause| {
                undecided.contains(&(failure.rule.as_str(), located.resource, clause))
            })
            || guard_suppressed(&resources[located.resource], &failure.rule)
        {
            continue;
        }
        let rule = meta(&failure.rule);
        findings.push(Finding {
            rule,
            message: failure.message.clone(),
            span: located.span,
            related: located.related.clone(),
            address: resources[located.resource].address.clone(),
            attribute: located.attribute.clone(),
            severity: rule.severity,
            suppression: None,
            fingerprint: String::new(),
            resource: located.resource,
            remedy: None,
        });
    }
    findings.sort_by(|a, b| {
        (a.span, a.rule.id, &a.address, &a.message)
            .cmp(&(b.span, b.rule.id, &b.address, &b.message))
    });
    findings.dedup_by(|a, b| a.span == b.span && a.rule.id == b.rule.id && a.message == b.message);
    findings
}

/// Failures, and the documents whose evaluation stopped with an error (index, message).
type Evaluated = (Vec<engine::Failure>, Vec<(usize, String)>);

/// The files compiled for the native evaluator, on every document, documents in parallel.
fn evaluate_native(prepared: &Prepared, documents: &[document::Document]) -> Vec<Evaluated> {
    let programs: Vec<&native::Program> = prepared
        .checked
        .iter()
        .filter_map(|checked| checked.program.as_ref())
        .collect();
    if programs.is_empty() {
        return Vec::new();
    }
    documents
        .par_iter()
        .enumerate()
        .map(|(index, document)| {
            let mut failures = Vec::new();
            let mut errors = Vec::new();
            for program in &programs {
                match program.evaluate(&document.value) {
                    Ok(found) => failures.extend(found.into_iter().map(|mut failure| {
                        failure.document = index;
                        failure
                    })),
                    Err(message) => errors.push((index, message)),
                }
            }
            (failures, errors)
        })
        .collect()
}

/// The files left to cfn-guard, in batches of documents (payload mode), one batch per core.
fn evaluate_cfn_guard(prepared: &Prepared, documents: &[document::Document]) -> Vec<Evaluated> {
    let rules: Vec<String> = prepared
        .checked
        .iter()
        .filter(|checked| checked.program.is_none())
        .map(|checked| checked.file.text.clone())
        .collect();
    if rules.is_empty() {
        return Vec::new();
    }
    let texts: Vec<String> = documents.iter().map(|d| d.value.to_string()).collect();
    let batch = texts
        .len()
        .div_ceil(rayon::current_num_threads().max(1))
        .max(MIN_BATCH);
    texts
        .par_chunks(batch)
        .enumerate()
        .map(|(n, chunk)| {
            let (mut failures, mut errors) = engine::evaluate_batch(&rules, chunk);
            for failure in &mut failures {
                failure.document += n * batch;
            }
            for (document, _) in &mut errors {
                *document += n * batch;
            }
            (failures, errors)
        })
        .collect()
}

/// Takes cfn-guard's internal names out of what users see, whichever engine produced it:
/// clauses outside any rule belong to its implicit rule `default`, which it names after the
/// rules input (`RULES_STDIN[1]/default`; Guard rule names cannot hold a `/`), and its messages
/// about other rules name positions as `Location[file:RULES_STDIN[1], line:L, column:C]` or
/// `[L:l,C:c]`.
fn tidy(failure: &mut engine::Failure) {
    if let Some((_, name)) = failure.rule.rsplit_once('/') {
        failure.rule = name.to_string();
    }
    let mut message = String::with_capacity(failure.message.len());
    let mut rest = failure.message.as_str();
    loop {
        let location = rest.find("@Location[file:");
        let position = rest.find("[L:");
        match (location, position) {
            (Some(at), _) if position.is_none_or(|p| at < p) => {
                message.push_str(&rest[..at]);
                let inside = &rest[at..];
                let line = inside
                    .split_once(" line:")
                    .and_then(|(_, after)| after.split(',').next())
                    .unwrap_or("?");
                message.push_str(&format!(" at line {line}"));
                // `Location[file:RULES_STDIN[1], ...]`: the bracket after the nested one.
                let end = inside.find("])").map_or(inside.len(), |end| end + 1);
                rest = &inside[end..];
            }
            (_, Some(at)) => {
                message.push_str(&rest[..at]);
                rest = rest[at..].find(']').map_or("", |end| &rest[at + end + 1..]);
            }
            _ => break,
        }
    }
    message.push_str(rest);
    failure.message = message;
}

/// Guard's own CloudFormation suppression: the rule is not applied to a resource that lists it
/// under `Metadata.guard.SuppressedRules`, as cfn-guard's command line does.
fn guard_suppressed(resource: &Resource, rule: &str) -> bool {
    resource
        .metadata
        .as_ref()
        .and_then(|metadata| metadata.path(&["guard", "SuppressedRules"]))
        .and_then(|rules| rules.as_seq())
        .is_some_and(|rules| rules.iter().any(|name| name.as_str() == Some(rule)))
}

/// The documents Guard rules see, by file, for `iacguard model`.
pub fn model_documents(
    resources: &[Resource],
    sources: &Sources,
    policy: &OrgPolicy,
) -> serde_json::Value {
    let mut by_file = serde_json::Map::new();
    for document in document::build(resources, sources, policy) {
        let name = sources.get(document.file).display.clone();
        match by_file.get_mut(&name) {
            // Several templates in one YAML stream: a list.
            Some(serde_json::Value::Array(list)) => list.push(document.value),
            Some(existing) => {
                let first = existing.take();
                *existing = serde_json::Value::Array(vec![first, document.value]);
            }
            None => {
                by_file.insert(name, document.value);
            }
        }
    }
    serde_json::Value::Object(by_file)
}

/// The rule ID of a Guard rule: `GUARD-` and its name in upper case, `_` as `-`
/// (`s3_bucket_versioning` is `GUARD-S3-BUCKET-VERSIONING`).
pub fn rule_id(name: &str) -> String {
    let body: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("GUARD-{body}")
}

/// The metadata of a Guard rule. Findings hold `&'static RuleMeta`, like built-in rules; a
/// Guard rule's is made once per distinct rule name in the process and kept (a few hundred
/// bytes per rule), so reports, suppressions and fingerprints treat both kinds alike.
pub fn meta(name: &str) -> &'static RuleMeta {
    static METAS: OnceLock<Mutex<BTreeMap<String, &'static RuleMeta>>> = OnceLock::new();
    let metas = METAS.get_or_init(|| Mutex::new(BTreeMap::new()));
    let mut metas = match metas.lock() {
        Ok(metas) => metas,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(meta) = metas.get(name) {
        return meta;
    }
    let leak = |text: String| -> &'static str { Box::leak(text.into_boxed_str()) };
    let meta: &'static RuleMeta = Box::leak(Box::new(RuleMeta {
        id: leak(rule_id(name)),
        name: leak(name.to_string()),
        severity: Severity::Medium,
        refs: &[],
        fix: leak(format!(
            "Change the resource so Guard rule `{name}` passes, or suppress it with a reason"
        )),
        docs: leak(format!(
            "## What it does\nGuard rule `{name}`: a custom policy from a Guard rules file \
             (`--ruleset`).\n\n## Why is this bad?\nYour organisation's policy requires it; \
             see the rule's message and its rules file.\n\n## How to fix\nChange the resource \
             so the rule passes.\n"
        )),
    }));
    metas.insert(name.to_string(), meta);
    meta
}

/// Whether a rule selector (`--select`, `--ignore`, `[severity]` keys) is about Guard rules.
pub fn is_guard_selector(selector: &str) -> bool {
    let upper = selector.to_ascii_uppercase();
    upper == "GUARD" || upper.starts_with("GUARD-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_come_from_rule_names() {
        assert_eq!(
            rule_id("s3_bucket_versioning"),
            "GUARD-S3-BUCKET-VERSIONING"
        );
        let meta = meta("ebs_encrypted");
        assert_eq!(meta.id, "GUARD-EBS-ENCRYPTED");
        assert!(std::ptr::eq(meta, super::meta("ebs_encrypted")));
        assert!(crate::rules::matches(meta, "GUARD"));
    }

    #[test]
    fn every_pack_parses() {
        for (name, text) in BUILTIN {
            assert!(
                matches!(engine::parse_tree(text, name), Ok(Some(_))),
                "pack {name} does not parse"
            );
        }
    }

    #[test]
    fn internal_names_are_tidied_away() {
        let mut failure = engine::Failure {
            document: 0,
            rule: "RULES_STDIN[2]/default".to_string(),
            path: None,
            unknown: false,
            clause: None,
            message: "Check was not compliant as dependent rule [keys] did not PASS. Context \
                      [Rule(keys@Location[file:RULES_STDIN[1], line:41, column:5])]; at \
                      /Resources/A/Properties/B[L:0,C:146]`"
                .to_string(),
        };
        tidy(&mut failure);
        assert_eq!(failure.rule, "default");
        assert_eq!(
            failure.message,
            "Check was not compliant as dependent rule [keys] did not PASS. Context \
             [Rule(keys at line 41)]; at /Resources/A/Properties/B`"
        );
        let mut named = engine::Failure {
            rule: "policies/tags.guard/default".to_string(),
            ..failure
        };
        tidy(&mut named);
        assert_eq!(named.rule, "default");
    }

    #[test]
    fn syntax_errors_have_a_line() {
        let error = engine::parse_tree(
            "rule ok {\n  Resources exists\n}\n\nrule broken {\n  Resources.* [ Type == \n}\n",
            "x.guard",
        )
        .unwrap_err();
        assert!(error.line >= 5, "{error:?}");
        assert_eq!(offset_of("ab\ncd\n", 2, 2), 4);
        assert_eq!(offset_of("ab", 9, 9), 2);
    }
}

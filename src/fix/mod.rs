//! Safe textual fixes: what SARIF viewers offer as quick fixes and `iacguard scan --fix` applies.
//!
//! The design has two halves. A rule that knows a safe edit attaches a [`Remedy`] to its
//! finding through [`crate::finding::Reporter::report_value_with_fix`] (or
//! [`crate::finding::Reporter::report_missing_with_fix`]): a format-neutral intent such as "this
//! literal becomes `false`" or "add `readOnlyRootFilesystem: true` to this mapping". The
//! reporter keeps it only for a value written where it is reported: a value that came through a
//! variable default or a parameter is decided elsewhere, where other uses may share it, so it
//! gets no fix. Then [`fix_for`] turns the remedy into byte edits after checking the source
//! text: the span must hold exactly a `true`/`false` literal (quoted or not, no YAML anchor or
//! tag), and an insertion needs a block-style YAML mapping whose keys start their own lines.
//! Anything else (an expression, a flow mapping, a Terraform plan) gets no fix rather than a
//! guess. Edits only replace or insert text, so formatting and comments around them stay.
//!
//! [`apply`] applies a scan's fixes to the scanned files: never to a file outside the scan or to
//! standard input, never two different edits that overlap (the later fix is refused; entries
//! added at one place go in report order), and not to a file that changed on disk since it was
//! read.

use crate::finding::Finding;
use crate::model::k8s::Container;
use crate::model::{Attr, Resource, Val};
use crate::parse::{Node, NodeKind};
use crate::scan::Scan;
use crate::source::{SourceFile, Sources, Span};

/// What a rule proposes, before the source text is checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Remedy {
    /// One line for people: "set `privileged: false`".
    pub description: String,
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The literal at `span` becomes this boolean, keeping its quotes if it has any.
    Bool { span: Span, value: bool },
    /// The literal at `span` becomes this string, always quoted (Kubernetes string maps such
    /// as StorageClass `parameters`).
    QuotedStr { span: Span, value: String },
    /// Lines added to the block-style YAML mapping whose keys are at `keys`: after its last
    /// entry when that is a one-line scalar at `after`, else before its first. Lines are
    /// indented relative to the mapping (`"parameters:"`, `"  encrypted: \"true\""`).
    AddEntries {
        keys: Vec<Span>,
        after: Option<Span>,
        lines: Vec<String>,
    },
}

impl Remedy {
    pub fn set_bool(span: Span, value: bool, description: impl Into<String>) -> Remedy {
        Remedy {
            description: description.into(),
            change: Change::Bool { span, value },
        }
    }

    pub fn set_quoted(span: Span, value: &str, description: impl Into<String>) -> Remedy {
        Remedy {
            description: description.into(),
            change: Change::QuotedStr {
                span,
                value: value.to_string(),
            },
        }
    }

    /// Adds entries to a mapping as parsed; `None` for an empty mapping or one that came
    /// through somewhere else (a patch, an alias).
    pub fn add_entries(
        map: &Node,
        lines: &[&str],
        description: impl Into<String>,
    ) -> Option<Remedy> {
        let entries = map.as_map().filter(|entries| !entries.is_empty())?;
        if !map.via.is_empty() {
            return None;
        }
        let last = entries.last()?;
        let after = matches!(
            last.value.kind,
            NodeKind::Bool(_) | NodeKind::Number(_) | NodeKind::Str(_)
        )
        .then_some(last.value.span);
        Some(Remedy {
            description: description.into(),
            change: Change::AddEntries {
                keys: entries.iter().map(|entry| entry.key_span).collect(),
                after,
                lines: lines.iter().map(|line| line.to_string()).collect(),
            },
        })
    }

    /// Whether the change rewrites a value in place (as opposed to adding an entry).
    pub fn replaces_value(&self) -> bool {
        !matches!(self.change, Change::AddEntries { .. })
    }
}

/// A fix checked against the source: edits to apply together.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<Edit>,
}

/// Replace the bytes of `span` (empty for an insertion) with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// The fix for a finding, if its rule offered one and the source text allows it.
pub fn fix_for(finding: &Finding, sources: &Sources) -> Option<Fix> {
    let remedy = finding.remedy.as_ref()?;
    let edit = match &remedy.change {
        Change::Bool { span, value } => {
            let file = fixable_file(sources, *span)?;
            let literal = Literal::read(file, *span)?;
            let word = if *value { "true" } else { "false" };
            let word = if literal.capitalised {
                capitalise(word)
            } else {
                word.to_string()
            };
            Edit {
                span: *span,
                replacement: format!("{}{word}{}", literal.quote, literal.quote),
            }
        }
        Change::QuotedStr { span, value } => {
            let file = fixable_file(sources, *span)?;
            let literal = Literal::read(file, *span)?;
            let quote = if literal.quote.is_empty() {
                "\""
            } else {
                literal.quote
            };
            Edit {
                span: *span,
                replacement: format!("{quote}{value}{quote}"),
            }
        }
        Change::AddEntries { keys, after, lines } => {
            let first = *keys.first()?;
            let file = fixable_file(sources, first)?;
            insertion(file, keys, *after, lines)?
        }
    };
    if file_text(sources, edit.span).get(edit.span.range()) == Some(edit.replacement.as_str()) {
        return None;
    }
    Some(Fix {
        description: remedy.description.clone(),
        edits: vec![edit],
    })
}

fn file_text(sources: &Sources, span: Span) -> &str {
    &sources.get(span.file).text
}

/// A file fixes may touch: YAML, JSON or Terraform source, not a generated Terraform plan.
fn fixable_file(sources: &Sources, span: Span) -> Option<&SourceFile> {
    if span.file.0 as usize >= sources.len() {
        return None;
    }
    let file = sources.get(span.file);
    let is_plan = file.display.ends_with(".json") && file.text.contains("\"planned_values\"");
    (!is_plan && file.text.get(span.range()).is_some()).then_some(file)
}

/// A boolean literal as written: `true`, `False`, `"true"`, `'false'`.
struct Literal {
    quote: &'static str,
    capitalised: bool,
}

impl Literal {
    fn read(file: &SourceFile, span: Span) -> Option<Literal> {
        let text = file.text.get(span.range())?;
        let (quote, word) = match text.as_bytes().first()? {
            b'"' => ("\"", text.strip_prefix('"')?.strip_suffix('"')?),
            b'\'' => ("'", text.strip_prefix('\'')?.strip_suffix('\'')?),
            _ => ("", text),
        };
        if !(word.eq_ignore_ascii_case("true") || word.eq_ignore_ascii_case("false")) {
            return None;
        }
        // `&anchor true` is shared by every alias of it; `!!str true` is not what it seems.
        let line_start = file.text[..span.start as usize]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let before = file.text[line_start..span.start as usize].trim_end();
        let previous = before.rsplit([' ', '\t']).next().unwrap_or("");
        if previous.starts_with('&') || previous.starts_with('!') {
            return None;
        }
        Some(Literal {
            quote,
            capitalised: word.starts_with(|c: char| c.is_ascii_uppercase()),
        })
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// New entries for a block mapping, at the mapping's column: on new lines after the last
/// entry when it is a one-line scalar (a comment after it stays on its line), else where the
/// first key starts (after any `- ` of a sequence item), moving that key to the next line.
/// Refused unless every key starts its own line at the same column.
fn insertion(
    file: &SourceFile,
    keys: &[Span],
    after: Option<Span>,
    lines: &[String],
) -> Option<Edit> {
    let first = *keys.first()?;
    if lines.is_empty() || file.display.ends_with(".tf") || file.display.ends_with(".json") {
        return None;
    }
    let text = &file.text;
    let line_of = |offset: usize| text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let column = first.start as usize - line_of(first.start as usize);
    let mut previous_line = None;
    for key in keys {
        let start = key.start as usize;
        if key.file != first.file || start >= text.len() {
            return None;
        }
        let line = line_of(start);
        let prefix = &text[line..start];
        // Indentation, possibly with the `- ` of a sequence item: a block mapping.
        if start - line != column || !prefix.chars().all(|c| c == ' ' || c == '-') {
            return None;
        }
        if previous_line == Some(line) {
            return None;
        }
        previous_line = Some(line);
    }
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let indent = " ".repeat(column);
    let last_key = *keys.last()?;
    let one_line_scalar = after.filter(|value| {
        value.file == first.file
            && text
                .get(last_key.start as usize..value.end as usize)
                .is_some_and(|entry| !entry.contains('\n'))
    });
    let mut replacement = String::new();
    let at = match one_line_scalar {
        Some(value) => {
            let end = value.end as usize;
            let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
            let line_end = if text[..line_end].ends_with('\r') {
                line_end - 1
            } else {
                line_end
            };
            for line in lines {
                replacement.push_str(newline);
                replacement.push_str(&indent);
                replacement.push_str(line);
            }
            line_end
        }
        None => {
            for line in lines {
                replacement.push_str(line);
                replacement.push_str(newline);
                replacement.push_str(&indent);
            }
            first.start as usize
        }
    };
    Some(Edit {
        span: Span::new(first.file, at, at),
        replacement,
    })
}

/// The fix for a container's boolean security setting: the literal as written becomes `value`;
/// a setting left to its default is added to the container's own `securityContext` when that is
/// a block mapping already (a new `securityContext` is not invented: where it would go is a
/// matter of taste). A literal outside the container (a YAML alias to an anchor elsewhere) is
/// shared with other places and gets no fix.
pub fn container_setting(
    resource: &Resource,
    container: &Container,
    val: &Val<bool>,
    attr: &Attr,
    value: bool,
) -> Option<Remedy> {
    let name = attr.name(resource.format);
    if val.is_default() {
        let object = resource.kubernetes_object()?;
        let security_context = node_at(object, container.span)?.get("securityContext")?;
        // The model names the setting by its path (`securityContext.privileged`).
        let key = attr
            .kubernetes
            .rsplit('.')
            .next()
            .unwrap_or(attr.kubernetes);
        let line = format!("{key}: {value}");
        return Remedy::add_entries(
            security_context,
            &[&line],
            format!(
                "add `{line}` to the securityContext of {}",
                container.describe()
            ),
        );
    }
    let span = val.span();
    let inside = span.file == container.span.file
        && container.span.start <= span.start
        && span.end <= container.span.end;
    inside.then(|| {
        Remedy::set_bool(
            span,
            value,
            format!("set `{name}` to {value} for {}", container.describe()),
        )
    })
}

/// The node with exactly this span under `root` (a container entry in its workload), for rules
/// that need the syntax around a model value.
pub fn node_at(root: &Node, span: Span) -> Option<&Node> {
    if root.span == span {
        return Some(root);
    }
    let contains =
        root.span.file == span.file && root.span.start <= span.start && span.end <= root.span.end;
    if !contains {
        return None;
    }
    match &root.kind {
        NodeKind::Map(entries) => entries.iter().find_map(|e| node_at(&e.value, span)),
        NodeKind::Seq(items) => items.iter().find_map(|item| node_at(item, span)),
        NodeKind::Tagged(_, inner) => node_at(inner, span),
        _ => None,
    }
}

/// One fix applied (or refused) to a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub rule: &'static str,
    pub description: String,
    /// Why the fix was not applied, if it was not.
    pub refused: Option<String>,
}

/// Applies the fixes of every unsuppressed finding to the scanned files; returns what was done
/// and refused, in report order.
pub fn apply(scan: &Scan) -> Vec<Outcome> {
    let planned = plan(scan);
    let mut outcomes = Vec::new();
    for (file_id, fixes) in planned {
        let file = scan.sources.get(file_id);
        let mut accepted: Vec<Edit> = Vec::new();
        let mut file_outcomes = Vec::new();
        for (finding, fix) in fixes {
            let (start, _) = crate::report::positions(&scan.sources, finding.span);
            let mut outcome = Outcome {
                path: file.display.clone(),
                line: start.line,
                column: start.column,
                rule: finding.rule.id,
                description: fix.description.clone(),
                refused: None,
            };
            if file.path.is_none() {
                outcome.refused = Some("standard input cannot be fixed in place".to_string());
            } else if let Some(reason) = conflict(&accepted, &fix.edits) {
                outcome.refused = Some(reason);
            } else {
                for edit in fix.edits {
                    if !accepted.contains(&edit) {
                        accepted.push(edit);
                    }
                }
            }
            file_outcomes.push(outcome);
        }
        if let (Some(path), false) = (&file.path, accepted.is_empty()) {
            let written = match std::fs::read_to_string(path) {
                Ok(current) if current == file.text => {
                    std::fs::write(path, apply_edits(&file.text, &accepted))
                        .map_err(|error| format!("cannot write the file: {error}"))
                }
                Ok(_) => Err("the file changed since it was scanned".to_string()),
                Err(error) => Err(format!("cannot read the file: {error}")),
            };
            if let Err(reason) = written {
                for outcome in &mut file_outcomes {
                    outcome.refused.get_or_insert_with(|| reason.clone());
                }
            }
        }
        outcomes.extend(file_outcomes);
    }
    outcomes
}

/// The fixes of unsuppressed findings, grouped by file in report order.
fn plan(scan: &Scan) -> Vec<(crate::source::FileId, Vec<(&Finding, Fix)>)> {
    let mut by_file: std::collections::BTreeMap<u32, Vec<(&Finding, Fix)>> = Default::default();
    for finding in scan.unsuppressed() {
        if let Some(fix) = fix_for(finding, &scan.sources) {
            let Some(file) = fix.edits.first().map(|edit| edit.span.file) else {
                continue;
            };
            // Every edit of a fix is in one file; a fix that spans files is not ours to apply.
            if fix.edits.iter().all(|edit| edit.span.file == file) {
                by_file.entry(file.0).or_default().push((finding, fix));
            }
        }
    }
    by_file
        .into_iter()
        .map(|(file, fixes)| (crate::source::FileId(file), fixes))
        .collect()
}

/// Why `edits` cannot join `accepted`: an edit that overlaps a different accepted edit.
/// The same edit twice (one literal reported for several instances) is not a conflict.
fn conflict(accepted: &[Edit], edits: &[Edit]) -> Option<String> {
    for edit in edits {
        for other in accepted {
            if edit == other {
                continue;
            }
            let (a, b) = (edit.span, other.span);
            let touches = match (a.is_empty(), b.is_empty()) {
                (false, false) => a.start < b.end && b.start < a.end,
                // An insertion inside a replaced range. Insertions at one place (two settings
                // added to one mapping) are applied in report order.
                (true, false) => b.start < a.start && a.start < b.end,
                (false, true) => a.start < b.start && b.start < a.end,
                (true, true) => false,
            };
            if touches {
                return Some("it overlaps another fix in the same place".to_string());
            }
        }
    }
    None
}

/// The text with non-overlapping edits applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in sorted {
        let (start, end) = (edit.span.start as usize, edit.span.end as usize);
        if start < at || end > text.len() {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&edit.replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn edit(start: usize, end: usize, text: &str) -> Edit {
        Edit {
            span: Span::new(FileId(0), start, end),
            replacement: text.to_string(),
        }
    }

    #[test]
    fn edits_apply_in_order_and_keep_the_rest() {
        let text = "a: true # keep\nb: 1\n";
        let edits = [edit(15, 15, "c: 2\n"), edit(3, 7, "false")];
        assert_eq!(apply_edits(text, &edits), "a: false # keep\nc: 2\nb: 1\n");
    }

    #[test]
    fn overlapping_edits_conflict_and_equal_ones_do_not() {
        let accepted = [edit(3, 7, "false")];
        assert!(conflict(&accepted, &[edit(3, 7, "false")]).is_none());
        assert!(conflict(&accepted, &[edit(5, 9, "x")]).is_some());
        assert!(conflict(&accepted, &[edit(5, 5, "x")]).is_some());
        assert!(conflict(&accepted, &[edit(7, 7, "x")]).is_none());
        assert!(conflict(&accepted, &[edit(8, 9, "x")]).is_none());
        assert!(conflict(&[edit(8, 8, "x")], &[edit(8, 8, "y")]).is_none());
    }

    #[test]
    fn literals_keep_their_quotes_and_refuse_anchors() {
        let sources =
            Sources::from_texts(&[("a.yaml", "x: 'false'\ny: &flag true\nz: FALSE\nw: maybe\n")]);
        let file = sources.get(FileId(0));
        assert_eq!(
            Literal::read(file, Span::new(FileId(0), 3, 10))
                .unwrap()
                .quote,
            "'"
        );
        assert!(Literal::read(file, Span::new(FileId(0), 20, 24)).is_none());
        assert!(
            Literal::read(file, Span::new(FileId(0), 28, 33))
                .unwrap()
                .capitalised
        );
        assert!(Literal::read(file, Span::new(FileId(0), 37, 42)).is_none());
    }

    #[test]
    fn insertions_need_a_block_mapping() {
        let text =
            "- name: web\n  securityContext:\n    privileged: false\n    runAsNonRoot: true\n";
        let sources = Sources::from_texts(&[("a.yaml", text)]);
        let file = sources.get(FileId(0));
        let key = |needle: &str| {
            let start = text.find(needle).unwrap();
            Span::new(FileId(0), start, start + needle.len())
        };
        let keys = [key("privileged"), key("runAsNonRoot")];
        let lines = ["readOnlyRootFilesystem: true".to_string()];
        let edit = insertion(file, &keys, None, &lines).unwrap();
        assert_eq!(
            apply_edits(text, &[edit]),
            "- name: web\n  securityContext:\n    readOnlyRootFilesystem: true\n    privileged: false\n    runAsNonRoot: true\n"
        );
        let value = key("true");
        let edit = insertion(file, &keys, Some(value), &lines).unwrap();
        assert_eq!(
            apply_edits(text, &[edit]),
            "- name: web\n  securityContext:\n    privileged: false\n    runAsNonRoot: true\n    readOnlyRootFilesystem: true\n"
        );
        let flow = "securityContext: {privileged: false, runAsNonRoot: true}\n";
        let sources = Sources::from_texts(&[("b.yaml", flow)]);
        let start = flow.find("privileged").unwrap();
        let second = flow.find("runAsNonRoot").unwrap();
        let keys = [
            Span::new(FileId(0), start, start + 10),
            Span::new(FileId(0), second, second + 12),
        ];
        assert!(insertion(sources.get(FileId(0)), &keys, None, &lines).is_none());
    }
}

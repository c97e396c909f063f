//! SARIF 2.1.0, as GitHub code scanning and editors' SARIF viewers read it.
//!
//! What GitHub requires and we keep to: relative `/` URIs from the repository root, 1-based
//! lines and columns (a whole-file notice points at line 1), `columnKind` stated (UTF-16 code
//! units, SARIF's default), every rule with a `name` different from its `id`, short and full
//! descriptions, `help` as text and Markdown, `helpUri`, `properties.tags` and
//! `security-severity`; results with `ruleIndex`, our own stable fingerprint under
//! `partialFingerprints` (GitHub computes `primaryLocationLineHash` itself on upload), and the
//! provenance trail as `relatedLocations`. Files that could not be analysed are
//! `toolExecutionNotifications` with their location. Safe textual fixes ([`crate::fix`]) are
//! `fixes` with `replacements` (an insertion is an empty `deletedRegion`), which SARIF viewers
//! offer as quick fixes.

use std::collections::BTreeMap;

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix, Invocation, Location, LogicalLocation,
    Message, MultiformatMessageString, Notification, PhysicalLocation, PropertyBag, Region,
    Replacement, ReportingConfiguration, ReportingDescriptor, Result, ResultLevel, Run, Sarif,
    Suppression, Tool, ToolComponent,
};

use crate::notice::NoticeLevel;
use crate::rules::{docs, RuleMeta, Severity};
use crate::scan::Scan;
use crate::source::Span;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/iacguard/iacguard";
/// The key our fingerprints are stored under.
pub const FINGERPRINT_KEY: &str = "iacguard/v1";

pub fn render(scan: &Scan) -> String {
    let rule_index = |meta: &RuleMeta| scan.rules.iter().position(|r| r.id == meta.id);
    let results: Vec<Result> = scan
        .findings
        .iter()
        .map(|finding| {
            let related: Vec<Location> = finding
                .related
                .iter()
                .enumerate()
                .map(|(i, related)| {
                    Location::builder()
                        .id(i as i64 + 1)
                        .physical_location(physical_location(scan, related.span))
                        .message(message(&related.message))
                        .build()
                })
                .collect();
            let mut result = Result::builder()
                .rule_id(finding.rule.id.to_string())
                .level(level(finding.severity))
                .message(message(&finding.message))
                .locations(vec![Location::builder()
                    .physical_location(physical_location(scan, finding.span))
                    // The resource (a Terraform address with its module path, a CloudFormation
                    // logical ID, `Kind/namespace/name`): what code scanning can group by.
                    .logical_locations(vec![LogicalLocation::builder()
                        .fully_qualified_name(finding.address.clone())
                        .kind("resource")
                        .build()])
                    .build()])
                .partial_fingerprints(BTreeMap::from([(
                    FINGERPRINT_KEY.to_string(),
                    finding.fingerprint.clone(),
                )]))
                .build();
            result.rule_index = rule_index(finding.rule).map(|i| i as i64);
            if !related.is_empty() {
                result.related_locations = Some(related);
            }
            if let Some(fix) = crate::fix::fix_for(finding, &scan.sources) {
                result.fixes = Some(vec![sarif_fix(scan, &fix)]);
            }
            if let Some(suppression) = &finding.suppression {
                result.suppressions = Some(vec![Suppression::builder()
                    .kind(json!("inSource"))
                    .status(json!("accepted"))
                    .justification(justification(suppression))
                    .location(
                        Location::builder()
                            .physical_location(physical_location(scan, suppression.span))
                            .build(),
                    )
                    .build()]);
            }
            result
        })
        .collect();

    let notifications: Vec<Notification> = scan
        .notices
        .iter()
        .map(|notice| {
            let location = match (notice.span, notice.file) {
                (Some(span), _) => physical_location(scan, span),
                (None, Some(file)) => physical_location(scan, Span::file_start(file)),
                (None, None) => PhysicalLocation::builder()
                    .artifact_location(artifact(&notice.path))
                    .build(),
            };
            Notification::builder()
                .level(json!(notice.level.as_str()))
                .message(message(&notice.message))
                .locations(vec![Location::builder()
                    .physical_location(location)
                    .build()])
                .build()
        })
        .collect();
    let mut invocation = Invocation::builder()
        .execution_successful(!scan.notices.iter().any(|n| n.level == NoticeLevel::Error))
        .build();
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
    }

    let driver = ToolComponent::builder()
        .name("iacguard".to_string())
        .version(env!("CARGO_PKG_VERSION").to_string())
        .semantic_version(env!("CARGO_PKG_VERSION").to_string())
        .information_uri(INFORMATION_URI.to_string())
        .rules(
            scan.rules
                .iter()
                .map(|meta| descriptor(meta))
                .collect::<Vec<_>>(),
        )
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation])
        .column_kind(json!("utf16CodeUnits"))
        .build();
    let log = Sarif::builder()
        .schema(SCHEMA.to_string())
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    let mut text = serde_json::to_string_pretty(&log).expect("SARIF serializes");
    text.push('\n');
    text
}

fn descriptor(meta: &RuleMeta) -> ReportingDescriptor {
    let markdown = docs::normalize(meta.docs);
    let why = docs::section(meta.docs, "Why is this bad?").unwrap_or_default();
    let mut tags = vec!["security".to_string()];
    tags.extend(meta.refs.iter().map(|r| r.to_string()));
    let properties = PropertyBag::builder()
        .tags(tags)
        .additional_properties(BTreeMap::from([
            (
                "security-severity".to_string(),
                json!(meta.severity.score()),
            ),
            ("precision".to_string(), json!("high")),
            (
                "problem.severity".to_string(),
                json!(problem_severity(meta.severity)),
            ),
        ]))
        .build();
    let mut descriptor = ReportingDescriptor::builder()
        .id(meta.id.to_string())
        .name(meta.name.to_string())
        .short_description(text_message(&sentence(&docs::summary(meta.docs))))
        .full_description(text_message(&sentence(&why.replace('\n', " "))))
        .help(
            MultiformatMessageString::builder()
                .text(format!(
                    "{}\n\n{}",
                    sentence(meta.fix),
                    why.replace('\n', " ")
                ))
                .markdown(markdown.clone())
                .build(),
        )
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(level_name(meta.severity)))
                .build(),
        )
        .properties(properties)
        .build();
    descriptor.help_uri = help_uri(&markdown);
    descriptor
}

/// The first link in the rule's References section: the authoritative page on the subject.
fn help_uri(markdown: &str) -> Option<String> {
    let references = docs::section(markdown, "References")?;
    let start = references.find("](")? + 2;
    let end = references[start..].find(')')? + start;
    Some(references[start..end].to_string())
}

fn physical_location(scan: &Scan, span: Span) -> PhysicalLocation {
    PhysicalLocation::builder()
        .artifact_location(artifact(&scan.sources.get(span.file).display))
        .region(region(scan, span))
        .build()
}

fn region(scan: &Scan, span: Span) -> Region {
    let file = scan.sources.get(span.file);
    let index = file.line_index();
    let start = index.position_utf16(&file.text, span.start as usize);
    let end = index.position_utf16(&file.text, span.end as usize);
    Region::builder()
        .start_line(start.line as i64)
        .start_column(start.column as i64)
        .end_line(end.line as i64)
        .end_column(end.column as i64)
        .build()
}

/// One fix as SARIF: its edits grouped by file, each a region replaced by new text.
fn sarif_fix(scan: &Scan, fix: &crate::fix::Fix) -> Fix {
    let mut by_file: BTreeMap<u32, Vec<Replacement>> = BTreeMap::new();
    for edit in &fix.edits {
        let region = region(scan, edit.span);
        by_file.entry(edit.span.file.0).or_default().push(
            Replacement::builder()
                .deleted_region(region)
                .inserted_content(
                    ArtifactContent::builder()
                        .text(edit.replacement.clone())
                        .build(),
                )
                .build(),
        );
    }
    let changes = by_file
        .into_iter()
        .map(|(file, replacements)| {
            let file = scan.sources.get(crate::source::FileId(file));
            ArtifactChange::builder()
                .artifact_location(artifact(&file.display))
                .replacements(replacements)
                .build()
        })
        .collect::<Vec<_>>();
    Fix::builder()
        .description(message(&fix.description))
        .artifact_changes(changes)
        .build()
}

fn artifact(path: &str) -> ArtifactLocation {
    ArtifactLocation::builder().uri(encode_uri(path)).build()
}

/// Percent-encodes what may not appear in a URI path (spaces, `#`, `%`, non-ASCII).
fn encode_uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

fn message(text: &str) -> Message {
    Message::builder().text(sentence(text)).build()
}

fn text_message(text: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder()
        .text(text.to_string())
        .build()
}

/// SARIF viewers show messages as sentences: capitalised, ending with a period.
fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// The reason as written, and which tool's directive carried it.
fn justification(suppression: &crate::suppress::Suppression) -> String {
    let dialect = suppression.dialect.name();
    if suppression.justification.is_empty() {
        format!("suppressed by a {dialect} directive (no reason given)")
    } else {
        format!("{} ({dialect} directive)", suppression.justification)
    }
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Critical | Severity::High => ResultLevel::Error,
        Severity::Medium => ResultLevel::Warning,
        Severity::Low => ResultLevel::Note,
    }
}

fn level_name(severity: Severity) -> &'static str {
    match level(severity) {
        ResultLevel::Error => "error",
        ResultLevel::Warning => "warning",
        ResultLevel::Note => "note",
        ResultLevel::None => "none",
    }
}

fn problem_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "recommendation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_paths() {
        assert_eq!(encode_uri("a b/c#d.tf"), "a%20b/c%23d.tf");
        assert_eq!(encode_uri("dir/é.yaml"), "dir/%C3%A9.yaml");
    }

    #[test]
    fn messages_become_sentences() {
        assert_eq!(
            sentence("the endpoint is public"),
            "The endpoint is public."
        );
        assert_eq!(sentence("Done."), "Done.");
    }
}

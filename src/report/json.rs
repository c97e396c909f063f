//! The JSON report: every finding with its rule, location, provenance and fingerprint, every
//! notice, and a summary. The shape is versioned by `schema_version`.

use serde::Serialize;

use super::{positions, severity_counts};
use crate::scan::Scan;
use crate::source::Span;

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    tool: Tool,
    summary: Summary,
    findings: Vec<Finding<'a>>,
    notices: Vec<Notice<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files_scanned: usize,
    resources: usize,
    /// Findings that count: not suppressed.
    findings: usize,
    suppressed: usize,
    by_severity: std::collections::BTreeMap<&'static str, usize>,
    incomplete: bool,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule_id: &'static str,
    rule_name: &'static str,
    severity: &'static str,
    message: &'a str,
    help: &'static str,
    location: Location<'a>,
    resource: &'a str,
    attribute: &'a str,
    fingerprint: &'a str,
    references: &'static [&'static str],
    related: Vec<Related<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppression: Option<Suppression<'a>>,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    directive: &'static str,
    justification: &'a str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct Related<'a> {
    message: &'a str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Notice<'a> {
    level: &'static str,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location<'a>>,
    message: &'a str,
}

pub fn render(scan: &Scan) -> String {
    let location = |span: Span| {
        let (start, end) = positions(&scan.sources, span);
        Location {
            path: &scan.sources.get(span.file).display,
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    };
    let findings = scan
        .findings
        .iter()
        .map(|finding| Finding {
            rule_id: finding.rule.id,
            rule_name: finding.rule.name,
            severity: finding.severity.as_str(),
            message: &finding.message,
            help: finding.rule.fix,
            location: location(finding.span),
            resource: &finding.address,
            attribute: &finding.attribute,
            fingerprint: &finding.fingerprint,
            suppression: finding.suppression.as_ref().map(|s| Suppression {
                kind: "inSource",
                directive: s.dialect.name(),
                justification: &s.justification,
                location: location(s.span),
            }),
            references: finding.rule.refs,
            related: finding
                .related
                .iter()
                .map(|related| Related {
                    message: &related.message,
                    location: location(related.span),
                })
                .collect(),
        })
        .collect();
    let notices = scan
        .notices
        .iter()
        .map(|notice| Notice {
            level: notice.level.as_str(),
            path: &notice.path,
            location: notice.span.map(location),
            message: &notice.message,
        })
        .collect();
    let report = Report {
        schema_version: 1,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: Summary {
            files_scanned: scan.files_scanned,
            resources: scan.resources,
            findings: scan.unsuppressed().count(),
            suppressed: scan.suppressed_count(),
            by_severity: severity_counts(scan)
                .into_iter()
                .map(|(severity, count)| (severity.as_str(), count))
                .collect(),
            incomplete: scan.incomplete(),
        },
        findings,
        notices,
    };
    let mut text = serde_json::to_string_pretty(&report).expect("the report serializes");
    text.push('\n');
    text
}

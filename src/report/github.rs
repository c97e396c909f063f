//! GitHub Actions output: workflow-command annotations and a Markdown job summary.
//!
//! Annotations are lines like `::error file=a.tf,line=3,col=5,endLine=3,endColumn=9,title=..::msg`
//! that the runner turns into marks on the pull request's diff. GitHub shows at most 10 error
//! and 10 warning annotations per step (50 per job) and drops the rest in print order, so the
//! most severe findings are annotated first, at most [`ANNOTATIONS_PER_LEVEL`] per level, and a
//! final notice says how many were left out. Every finding is still listed, as a plain log line,
//! in a collapsed group above the annotations.
//!
//! The Markdown summary ([`summary`]) is what the command appends to `$GITHUB_STEP_SUMMARY`
//! when that variable is set (it is in every Actions step), so `--format github` alone gives
//! the job's summary page a table of the findings.

use std::fmt::Write;

use crate::finding::Finding;
use crate::notice::NoticeLevel;
use crate::rules::Severity;
use crate::scan::Scan;
use crate::source::Span;

use super::{positions, severity_counts};

/// How many annotations of one level GitHub shows for a step.
pub const ANNOTATIONS_PER_LEVEL: usize = 10;

/// How many findings the Markdown summary lists; the counts above the table cover all of them.
const SUMMARY_ROWS: usize = 50;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Error,
    Warning,
    Notice,
}

impl Level {
    fn of(severity: Severity) -> Level {
        match severity {
            Severity::Critical | Severity::High => Level::Error,
            Severity::Medium => Level::Warning,
            Severity::Low => Level::Notice,
        }
    }

    fn command(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Notice => "notice",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

struct Annotation {
    level: Level,
    span: Option<Span>,
    path: String,
    title: String,
    message: String,
}

pub fn render(scan: &Scan) -> String {
    let mut out = String::new();
    let findings = ranked(scan);
    if !findings.is_empty() {
        let _ = writeln!(
            out,
            "::group::iacguard: {}",
            plural(findings.len(), "finding")
        );
        for finding in &findings {
            let (start, _) = positions(&scan.sources, finding.span);
            // A log line that starts with `::` would be read as a command: indent it.
            let path = &scan.sources.get(finding.span.file).display;
            let indent = if path.starts_with("::") { " " } else { "" };
            let _ = writeln!(
                out,
                "{indent}{}:{}:{}: {} {} {}",
                path,
                start.line,
                start.column,
                finding.severity.as_str(),
                finding.rule.id,
                one_line(&finding.message)
            );
        }
        out.push_str("::endgroup::\n");
    }

    // Files that could not be analysed come first: they make the whole result incomplete.
    let mut annotations: Vec<Annotation> = scan
        .notices
        .iter()
        .filter(|notice| notice.level != NoticeLevel::Note)
        .map(|notice| Annotation {
            level: if notice.level == NoticeLevel::Error {
                Level::Error
            } else {
                Level::Warning
            },
            span: notice.span,
            path: notice.path.clone(),
            title: "iacguard".to_string(),
            message: notice.message.clone(),
        })
        .collect();
    annotations.extend(findings.iter().map(|finding| Annotation {
        level: Level::of(finding.severity),
        span: Some(finding.span),
        path: scan.sources.get(finding.span.file).display.clone(),
        title: format!("{} {}", finding.rule.id, finding.rule.name),
        message: format!(
            "{} ({}). Fix: {}",
            finding.message,
            finding.severity.as_str(),
            finding.rule.fix
        ),
    }));

    let mut shown = [0usize; 3];
    let mut left_out = 0;
    let overflowing = |level: Level| {
        annotations
            .iter()
            .filter(|annotation| annotation.level == level)
            .count()
            > ANNOTATIONS_PER_LEVEL
    };
    let any_overflow = overflowing(Level::Error) || overflowing(Level::Warning);
    for annotation in &annotations {
        // One notice slot is kept for the line that says what was left out.
        let cap = if annotation.level == Level::Notice && any_overflow {
            ANNOTATIONS_PER_LEVEL - 1
        } else {
            ANNOTATIONS_PER_LEVEL
        };
        let count = &mut shown[annotation.level.index()];
        if *count >= cap {
            left_out += 1;
            continue;
        }
        *count += 1;
        out.push_str(&command(scan, annotation));
    }
    if left_out > 0 {
        let _ = writeln!(
            out,
            "::notice title=iacguard::{}",
            escape_data(&format!(
                "{} not annotated: GitHub shows {ANNOTATIONS_PER_LEVEL} errors and \
                 {ANNOTATIONS_PER_LEVEL} warnings per step. See the job summary, the log above \
                 or code scanning for all of them.",
                plural(left_out, "more finding")
            ))
        );
    }
    out
}

/// Unsuppressed findings, most severe first; report order within a severity.
fn ranked(scan: &Scan) -> Vec<&Finding> {
    let mut findings: Vec<&Finding> = scan.unsuppressed().collect();
    findings.sort_by_key(|finding| std::cmp::Reverse(finding.severity));
    findings
}

fn command(scan: &Scan, annotation: &Annotation) -> String {
    let mut properties = vec![format!("file={}", escape_property(&annotation.path))];
    if let Some(span) = annotation.span {
        let (start, end) = positions(&scan.sources, span);
        properties.push(format!("line={}", start.line));
        properties.push(format!("col={}", start.column));
        properties.push(format!("endLine={}", end.line));
        // GitHub reads an end column only for an annotation on a single line.
        if end.line == start.line {
            properties.push(format!("endColumn={}", end.column));
        }
    }
    properties.push(format!("title={}", escape_property(&annotation.title)));
    format!(
        "::{} {}::{}\n",
        annotation.level.command(),
        properties.join(","),
        escape_data(&annotation.message)
    )
}

/// The message part of a workflow command: `%`, CR and LF are percent-encoded (as the Actions
/// toolkit's `escapeData` does), so a message cannot end the command or start another.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as [`escape_data`], plus `:` and `,`, which would end the value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The Markdown job summary: counts by severity, then the most severe findings as a table.
pub fn summary(scan: &Scan) -> String {
    let mut out = String::from("## iacguard\n\n");
    let findings = ranked(scan);
    if findings.is_empty() {
        let _ = writeln!(
            out,
            "No findings in {}.",
            plural(scan.files_scanned, "scanned file")
        );
    } else {
        let _ = writeln!(
            out,
            "**{}** in {}.\n",
            plural(findings.len(), "finding"),
            plural(scan.files_scanned, "scanned file")
        );
        out.push_str("| Severity | Findings |\n|---|---:|\n");
        for (severity, count) in severity_counts(scan) {
            let _ = writeln!(out, "| {} | {count} |", severity.as_str());
        }
    }
    let suppressed = scan.suppressed_count();
    if suppressed > 0 {
        let _ = writeln!(
            out,
            "\n{} suppressed by directives or the baseline.",
            plural(suppressed, "finding")
        );
    }
    let errors: Vec<_> = scan
        .notices
        .iter()
        .filter(|n| n.level == NoticeLevel::Error)
        .collect();
    if !errors.is_empty() {
        let _ = writeln!(
            out,
            "\n**The scan is incomplete:** {} could not be analysed.\n",
            plural(errors.len(), "file")
        );
        for notice in &errors {
            let _ = writeln!(out, "- `{}`: {}", cell(&notice.path), cell(&notice.message));
        }
    }
    if !findings.is_empty() {
        out.push_str("\n| Severity | Rule | Location | Finding |\n|---|---|---|---|\n");
        for finding in findings.iter().take(SUMMARY_ROWS) {
            let (start, _) = positions(&scan.sources, finding.span);
            let _ = writeln!(
                out,
                "| {} | `{}` {} | `{}:{}` | {} |",
                finding.severity.as_str(),
                finding.rule.id,
                finding.rule.name,
                cell(&scan.sources.get(finding.span.file).display),
                start.line,
                cell(&finding.message)
            );
        }
        if findings.len() > SUMMARY_ROWS {
            let _ = writeln!(
                out,
                "\n{} more not listed here; the SARIF report has them all.",
                findings.len() - SUMMARY_ROWS
            );
        }
    }
    out.push('\n');
    out
}

/// Text for a Markdown table cell: one line, no column breaks, no raw HTML.
fn cell(text: &str) -> String {
    one_line(text)
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn one_line(text: &str) -> String {
    text.split(['\r', '\n'])
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped_like_the_actions_toolkit() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A".to_string());
    }

    #[test]
    fn cells_stay_in_their_column() {
        assert_eq!(cell("a|b\n<c>"), "a\\|b &lt;c&gt;");
    }
}

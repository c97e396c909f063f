//! Terminal output: a rustc-style frame per finding and per file that could not be analysed,
//! then a one-line summary.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{severity_counts, RenderOptions};
use crate::finding::Finding;
use crate::notice::{Notice, NoticeLevel};
use crate::rules::Severity;
use crate::scan::Scan;
use crate::source::{SourceFile, Span};

pub fn render(scan: &Scan, options: &RenderOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_context_lines(1)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for notice in &scan.notices {
        render_one(&handler, &notice_report(scan, notice), &mut out);
    }
    for finding in scan.unsuppressed() {
        render_one(&handler, &finding_report(scan, finding), &mut out);
    }
    out.push_str(&summary(scan, options));
    out
}

fn render_one(handler: &GraphicalReportHandler, report: &Report, out: &mut String) {
    if handler.render_report(out, report).is_err() {
        out.push_str(&report.message);
    }
    out.push('\n');
}

fn summary(scan: &Scan, options: &RenderOptions) -> String {
    let counts: Vec<String> = severity_counts(scan)
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(severity, count)| format!("{count} {}", severity.as_str()))
        .collect();
    let findings = match scan.unsuppressed().count() {
        0 => "no findings".to_string(),
        1 => format!("1 finding ({})", counts.join(", ")),
        n => format!("{n} findings ({})", counts.join(", ")),
    };
    let suppressed = match scan.suppressed_count() {
        0 => String::new(),
        n => format!(", {n} suppressed"),
    };
    let errors = scan
        .notices
        .iter()
        .filter(|n| n.level == NoticeLevel::Error)
        .count();
    let incomplete = match errors {
        0 => String::new(),
        1 => "; 1 file could not be analysed".to_string(),
        n => format!("; {n} files could not be analysed"),
    };
    format!(
        "Scanned {} in {:.2}s: {findings}{suppressed}{incomplete}.\n",
        plural(scan.files_scanned, "file"),
        options.elapsed.as_secs_f64(),
    )
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

fn finding_report<'a>(scan: &'a Scan, finding: &'a Finding) -> Report<'a> {
    let file = scan.sources.get(finding.span.file);
    let mut labels = vec![label(finding.span, None)];
    let mut related = Vec::new();
    for step in &finding.related {
        if step.span.file == finding.span.file {
            labels.push(label(step.span, Some(step.message.clone())));
        } else {
            let other = scan.sources.get(step.span.file);
            related.push(Report {
                code: None,
                message: step.message.clone(),
                severity: miette::Severity::Advice,
                help: None,
                source: Some(FileSource::new(other)),
                labels: vec![label(step.span, None)],
                related: Vec::new(),
            });
        }
    }
    Report {
        code: Some(format!(
            "{} {} in {}",
            finding.rule.id, finding.rule.name, finding.address
        )),
        message: finding.message.clone(),
        severity: severity(finding.severity),
        help: Some(finding.rule.fix.to_string()),
        source: Some(FileSource::new(file)),
        labels,
        related,
    }
}

fn notice_report<'a>(scan: &'a Scan, notice: &'a Notice) -> Report<'a> {
    let source = notice.file.map(|id| FileSource::new(scan.sources.get(id)));
    let (message, labels) = match notice.span {
        Some(span) => (notice.message.clone(), vec![label(span, None)]),
        None => (format!("{}: {}", notice.path, notice.message), Vec::new()),
    };
    Report {
        code: None,
        message,
        severity: match notice.level {
            NoticeLevel::Error => miette::Severity::Error,
            NoticeLevel::Warning => miette::Severity::Warning,
            NoticeLevel::Note => miette::Severity::Advice,
        },
        help: None,
        source: if labels.is_empty() { None } else { source },
        labels,
        related: Vec::new(),
    }
}

fn label(span: Span, text: Option<String>) -> LabeledSpan {
    LabeledSpan::new(text, span.start as usize, span.len())
}

fn severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Critical | Severity::High => miette::Severity::Error,
        Severity::Medium => miette::Severity::Warning,
        Severity::Low => miette::Severity::Advice,
    }
}

/// One diagnostic as miette renders it.
struct Report<'a> {
    code: Option<String>,
    message: String,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<FileSource<'a>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report<'a>>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.code
            .as_ref()
            .map(|code| Box::new(code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
        }
    }
}

/// A file's text under its display name, borrowed rather than copied for each diagnostic.
struct FileSource<'a> {
    name: &'a str,
    text: &'a str,
}

impl<'a> FileSource<'a> {
    fn new(file: &'a SourceFile) -> FileSource<'a> {
        FileSource {
            name: &file.display,
            text: &file.text,
        }
    }
}

impl SourceCode for FileSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

//! Writing a scan's findings and notices, one output format per file.
//!
//! Text is for people (rustc-style frames, a summary with timing); JSON and SARIF are for
//! machines and are byte-identical for the same input: no timestamps, no absolute paths, sorted.
//! GitHub (workflow-command annotations), GitLab (SAST report) and JUnit are for CI systems.

pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod text;

use std::time::Duration;

use crate::rules::Severity;
use crate::scan::Scan;
use crate::source::{LineCol, Sources, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Terminal diagnostics with code frames and a summary
    Text,
    /// Findings, notices and a summary as JSON
    Json,
    /// SARIF 2.1.0 (GitHub code scanning, editors), with fixes
    Sarif,
    /// GitHub Actions annotations (and a job summary in `$GITHUB_STEP_SUMMARY`)
    Github,
    /// GitLab SAST report, schema 15
    Gitlab,
    /// JUnit XML: a test suite per file
    Junit,
}

pub struct RenderOptions {
    pub elapsed: Duration,
    /// Colours and Unicode frames in text output (a terminal).
    pub color: bool,
}

pub fn render(format: Format, scan: &Scan, options: &RenderOptions) -> String {
    match format {
        Format::Text => text::render(scan, options),
        Format::Json => json::render(scan),
        Format::Sarif => sarif::render(scan),
        Format::Github => github::render(scan),
        Format::Gitlab => gitlab::render(scan, options),
        Format::Junit => junit::render(scan),
    }
}

/// A span as 1-based start and end positions (columns in characters).
pub fn positions(sources: &Sources, span: Span) -> (LineCol, LineCol) {
    let file = sources.get(span.file);
    (
        file.position(span.start as usize),
        file.position(span.end as usize),
    )
}

/// Counts findings that are not suppressed by severity, most severe first.
pub fn severity_counts(scan: &Scan) -> Vec<(Severity, usize)> {
    Severity::ALL
        .iter()
        .map(|severity| {
            let count = scan
                .unsuppressed()
                .filter(|f| f.severity == *severity)
                .count();
            (*severity, count)
        })
        .collect()
}

//! Suppressions: findings a team has decided to accept, with the reason written next to them.
//!
//! A finding is suppressed by a directive in a comment on or above its line or its resource
//! (see [`comments`]), or in the resource's own metadata (see [`metadata`]). Directives of
//! Checkov, Trivy, cfn_nag, cfn-lint and kube-linter are honoured through [`foreign`]. A
//! suppressed finding is kept, marked with who suppressed it and why, so SARIF and JSON can show
//! it; only the exit code and the text listing leave it out. The configuration decides whether
//! inline suppressions are honoured at all, or only with a reason.

mod comments;
pub mod date;
mod directive;
pub mod foreign;
mod metadata;

use crate::finding::Finding;
use crate::model::{Format, Resource};
use crate::notice::{Notice, NoticeLevel};
use crate::rules;
use crate::source::{Sources, Span};

pub use date::Date;
pub use directive::{Dialect, Directive};

/// `inline_suppressions` in the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InlineMode {
    #[default]
    Allow,
    RequireReason,
    Deny,
}

/// Why a finding is not counted.
#[derive(Debug, Clone, PartialEq)]
pub struct Suppression {
    pub dialect: Dialect,
    /// The reason given, possibly empty.
    pub justification: String,
    /// Where the directive is written.
    pub span: Span,
}

pub struct Suppressor<'a> {
    sources: &'a Sources,
    mode: InlineMode,
    today: Date,
}

impl<'a> Suppressor<'a> {
    pub fn new(sources: &'a Sources, mode: InlineMode, today: Date) -> Suppressor<'a> {
        Suppressor {
            sources,
            mode,
            today,
        }
    }

    /// Marks the findings on one resource that a directive covers; says in `notices` when a
    /// directive is refused or has expired, so a silenced finding never resurfaces silently.
    pub fn apply(&self, resource: &Resource, findings: &mut [Finding], notices: &mut Vec<Notice>) {
        if findings.is_empty() {
            return;
        }
        let candidates = self.directives(resource);
        for finding in findings {
            let local = self.near(finding.span);
            for (directive, span) in local.iter().chain(&candidates) {
                if !covers(directive, finding.rule) {
                    continue;
                }
                let path = &self.sources.get(span.file).display;
                let refusal = match (self.mode, directive.reason.is_empty()) {
                    (InlineMode::Deny, _) => Some(
                        "inline suppressions are disabled (inline_suppressions = \"deny\")"
                            .to_string(),
                    ),
                    (InlineMode::RequireReason, true) => Some(
                        "a suppression needs a reason (inline_suppressions = \"require-reason\")"
                            .to_string(),
                    ),
                    _ => None,
                };
                if let Some(why) = refusal {
                    notices.push(Notice::at(
                        NoticeLevel::Warning,
                        *span,
                        path,
                        format!("{} not suppressed: {why}", finding.rule.id),
                    ));
                    continue;
                }
                if let Some(until) = directive.until.filter(|until| *until < self.today) {
                    notices.push(Notice::at(
                        NoticeLevel::Warning,
                        *span,
                        path,
                        format!(
                            "the suppression of {} expired on {until}; the finding is reported again",
                            finding.rule.id
                        ),
                    ));
                    continue;
                }
                finding.suppression = Some(Suppression {
                    dialect: directive.dialect,
                    justification: directive.reason.clone(),
                    span: *span,
                });
                break;
            }
        }
    }

    /// Directives that cover the whole resource: comments at its header and first line, at
    /// the `module` blocks it was created through, and its metadata.
    fn directives(&self, resource: &Resource) -> Vec<(Directive, Span)> {
        let mut found = self.near(resource.header);
        if resource.body.span.file == resource.header.file {
            found.extend(self.near(resource.body.span));
        }
        for call in &resource.enclosing {
            found.extend(self.near(*call));
        }
        found.extend(match resource.format {
            Format::Kubernetes => metadata::kubernetes(&resource.body),
            Format::CloudFormation => resource
                .metadata
                .as_ref()
                .map(metadata::cloudformation)
                .unwrap_or_default(),
            Format::Terraform => Vec::new(),
        });
        found
    }

    /// Comment directives on the line of `span` and right above it.
    fn near(&self, span: Span) -> Vec<(Directive, Span)> {
        let file = self.sources.get(span.file);
        let line = file.position(span.start as usize).line;
        comments::near_line(file, line)
            .into_iter()
            .map(|(directive, start, end)| {
                let span = Span {
                    file: span.file,
                    start: start as u32,
                    end: end as u32,
                };
                (directive, span)
            })
            .collect()
    }
}

/// Whether a directive names `rule_id`: by our ID, name or prefix, or by a mapped foreign ID.
fn covers(directive: &Directive, rule: &rules::RuleMeta) -> bool {
    directive.rules.iter().any(|key| match directive.dialect {
        Dialect::Iacguard => rules::matches(rule, key),
        _ => foreign::ours(key).any(|ours| ours == rule.id),
    })
}

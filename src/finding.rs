//! Findings: what a rule reports, and the small API rules report through.

use crate::fix::Remedy;
use crate::model::{Attr, How, Resource, Val};
use crate::rules::{RuleMeta, Severity};
use crate::source::Span;
use crate::suppress::Suppression;

#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub message: String,
    /// The offending value, or the resource header when a setting is missing.
    pub span: Span,
    /// Places that explain the value: the variable default or parameter it came from.
    pub related: Vec<Related>,
    /// The resource's stable address, for fingerprints and baselines.
    pub address: String,
    /// The format-neutral setting the finding is about, for fingerprints.
    pub attribute: String,
    /// The rule's severity, unless the configuration overrides it.
    pub severity: Severity,
    /// Set when a directive accepts this finding; it is still reported, but not counted.
    pub suppression: Option<Suppression>,
    /// Stable across unrelated edits; filled in once the scan's findings are sorted.
    pub fingerprint: String,
    /// The index of the resource in [`crate::scan::Scan::model`].
    pub resource: usize,
    /// A safe textual fix the rule offers; [`crate::fix::fix_for`] checks it against the source.
    pub remedy: Option<Remedy>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// Collects one rule's findings on one resource.
pub struct Reporter<'a> {
    rule: &'static RuleMeta,
    resource: &'a Resource,
    findings: &'a mut Vec<Finding>,
}

impl<'a> Reporter<'a> {
    pub fn new(
        rule: &'static RuleMeta,
        resource: &'a Resource,
        findings: &'a mut Vec<Finding>,
    ) -> Reporter<'a> {
        Reporter {
            rule,
            resource,
            findings,
        }
    }

    /// What `attr` is called in the resource's format.
    pub fn name(&self, attr: &Attr) -> &'static str {
        attr.name(self.resource.format)
    }

    /// Reports a bad value at its origin. A value that came through variables or parameters
    /// carries that history as related locations; a defaulted one says that it was not set.
    pub fn report_value<T>(&mut self, attr: &Attr, val: &Val<T>, message: impl Into<String>) {
        let mut related: Vec<Related> = Vec::new();
        if let How::Derived(steps) = &val.origin.how {
            for step in steps {
                let step = Related {
                    span: step.span,
                    message: step.note.clone(),
                };
                // A place is shown once (a value whose parts came the same way, a condition and its
                // branch), and never the finding's own place again.
                if step.span != val.span() && !related.iter().any(|r| r.span == step.span) {
                    related.push(step);
                }
            }
        }
        self.push(val.span(), attr.id, message.into(), related);
    }

    /// Reports like [`Reporter::report_value`] and offers `remedy` as a fix, but only for a
    /// value written where it is reported, or for an insertion where a default applies. A value
    /// that came through a variable or parameter is decided at its source, which other uses may
    /// share: fixing it at the use site would be wrong, so it gets no fix.
    pub fn report_value_with_fix<T>(
        &mut self,
        attr: &Attr,
        val: &Val<T>,
        message: impl Into<String>,
        remedy: Remedy,
    ) {
        let fixable = match val.origin.how {
            How::Explicit => true,
            How::Default => !remedy.replaces_value(),
            How::Derived(_) => false,
        };
        self.report_value(attr, val, message);
        if fixable {
            if let Some(finding) = self.findings.last_mut() {
                finding.remedy = Some(remedy);
            }
        }
    }

    /// Reports like [`Reporter::report_missing`], offering `remedy` as a fix (the setting is
    /// missing altogether, so nothing written elsewhere decides it).
    pub fn report_missing_with_fix(
        &mut self,
        attr: &Attr,
        message: impl Into<String>,
        remedy: Remedy,
    ) {
        self.report_missing(attr, message);
        if let Some(finding) = self.findings.last_mut() {
            finding.remedy = Some(remedy);
        }
    }

    /// Reports at a span with no value history (a missing block, a whole section).
    pub fn report_at(&mut self, span: Span, attribute: &str, message: impl Into<String>) {
        self.push(span, attribute, message.into(), Vec::new());
    }

    /// Reports at the resource header, for a setting that is missing altogether.
    pub fn report_missing(&mut self, attr: &Attr, message: impl Into<String>) {
        self.push(self.resource.header, attr.id, message.into(), Vec::new());
    }

    /// Reports at a span with places in other objects that explain it (the binding that grants
    /// a role, the namespace's workloads), for findings that span the scan.
    pub fn report_with_related(
        &mut self,
        span: Span,
        attr: &Attr,
        message: impl Into<String>,
        related: Vec<Related>,
    ) {
        self.push(span, attr.id, message.into(), related);
    }

    fn push(&mut self, span: Span, attribute: &str, message: String, mut related: Vec<Related>) {
        // Assumptions the resource was read under (a CloudFormation condition taken as true
        // or false) qualify every finding on it.
        for step in &self.resource.body.via {
            let step = Related {
                span: step.span,
                message: step.note.clone(),
            };
            if !related.contains(&step) {
                related.push(step);
            }
        }
        self.findings.push(Finding {
            rule: self.rule,
            message,
            span,
            related,
            address: self.resource.address.clone(),
            attribute: attribute.to_string(),
            severity: self.rule.severity,
            suppression: None,
            fingerprint: String::new(),
            resource: 0,
            remedy: None,
        });
    }
}

//! Findings: what a rule reports, and the small API rules report through.

use crate::model::{Attr, How, Resource, Val};
use crate::rules::RuleMeta;
use crate::source::Span;

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
                // A value whose parts came the same way (a condition and its branch) says so once.
                if !related.contains(&step) {
                    related.push(step);
                }
            }
        }
        self.push(val.span(), attr.id, message.into(), related);
    }

    /// Reports at a span with no value history (a missing block, a whole section).
    pub fn report_at(&mut self, span: Span, attribute: &str, message: impl Into<String>) {
        self.push(span, attribute, message.into(), Vec::new());
    }

    /// Reports at the resource header, for a setting that is missing altogether.
    pub fn report_missing(&mut self, attr: &Attr, message: impl Into<String>) {
        self.push(self.resource.header, attr.id, message.into(), Vec::new());
    }

    fn push(&mut self, span: Span, attribute: &str, message: String, related: Vec<Related>) {
        self.findings.push(Finding {
            rule: self.rule,
            message,
            span,
            related,
            address: self.resource.address.clone(),
            attribute: attribute.to_string(),
        });
    }
}

//! Running the rules over every resource, in parallel, with a deterministic result, and
//! applying suppressions to what they find.

mod context;

pub use context::Context;

use rayon::prelude::*;

use crate::finding::{Finding, Reporter};
use crate::model::Resource;
use crate::notice::Notice;
use crate::policy::org::OrgPolicy;
use crate::rules::Rule;
use crate::suppress::Suppressor;

/// Findings sorted by file and position, and the notices suppressions raised (refused or
/// expired directives).
pub fn check(
    resources: &[Resource],
    rules: &[&'static dyn Rule],
    policy: &OrgPolicy,
    suppressor: &Suppressor,
) -> (Vec<Finding>, Vec<Notice>) {
    let context = Context::new(resources, policy);
    let per_resource: Vec<(Vec<Finding>, Vec<Notice>)> = resources
        .par_iter()
        .enumerate()
        .map(|(index, resource)| {
            let mut found = Vec::new();
            for rule in rules {
                rule.check(
                    resource,
                    &context,
                    &mut Reporter::new(rule.meta(), resource, &mut found),
                );
            }
            for finding in &mut found {
                finding.resource = index;
            }
            let mut notices = Vec::new();
            suppressor.apply(resource, &mut found, &mut notices);
            (found, notices)
        })
        .collect();
    let (findings, notices): (Vec<Vec<Finding>>, Vec<Vec<Notice>>) =
        per_resource.into_iter().unzip();
    let mut findings: Vec<Finding> = findings.into_iter().flatten().collect();
    // File ids follow path order, so this sorts by path, then position.
    findings.sort_by(|a, b| {
        (a.span, a.rule.id, &a.address, &a.message)
            .cmp(&(b.span, b.rule.id, &b.address, &b.message))
    });
    // The same finding twice (one value seen through two paths) is reported once; two
    // instances of one resource (module callers, `count`) are different findings.
    findings.dedup_by(|a, b| {
        a.span == b.span
            && a.rule.id == b.rule.id
            && a.address == b.address
            && a.message == b.message
    });
    (findings, notices.into_iter().flatten().collect())
}

//! Running the rules over every resource, in parallel, with a deterministic result.

mod context;

pub use context::Context;

use rayon::prelude::*;

use crate::finding::{Finding, Reporter};
use crate::model::Resource;
use crate::policy::org::OrgPolicy;
use crate::rules::Rule;

pub fn check(
    resources: &[Resource],
    rules: &[&'static dyn Rule],
    policy: &OrgPolicy,
) -> Vec<Finding> {
    let context = Context::new(resources, policy);
    let mut findings: Vec<Finding> = resources
        .par_iter()
        .flat_map_iter(|resource| {
            let mut found = Vec::new();
            for rule in rules {
                rule.check(
                    resource,
                    &context,
                    &mut Reporter::new(rule.meta(), resource, &mut found),
                );
            }
            found
        })
        .collect();
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
    findings
}

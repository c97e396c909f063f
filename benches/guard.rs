//! Guard custom policies over a large scan: what evaluating Guard rules costs next to parsing,
//! adapting and checking, for thousands of documents in one run.
//!
//! `cargo bench --bench guard` (optionally `-- COUNT`, default 3000 files of each format).
//! Rules files are parsed once per run and evaluated by the native evaluator, documents in
//! parallel. `GUARD_PACKS=guard:required-tags,path/to/rules.guard` times other rules files.
//! Prints one line per measurement.

use std::time::{Duration, Instant};

#[path = "support/guard_corpus.rs"]
mod guard_corpus;

use guard_corpus::files;

use iacguard::policy::guard::GuardFile;
use iacguard::scan::{scan_sources, Options};

fn best_of(runs: usize, mut run: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut findings = 0;
    for _ in 0..runs {
        let started = Instant::now();
        findings = run();
        best = best.min(started.elapsed());
    }
    (best, findings)
}

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(3000);
    let policy = iacguard::policy::org::OrgPolicy {
        required_tags: vec!["owner".to_string()],
        allowed_regions: vec!["eu-west-1".to_string()],
        approved_registries: vec!["123456789012.dkr.ecr.eu-west-1.amazonaws.com".to_string()],
        ..iacguard::policy::org::OrgPolicy::default()
    };
    let packs = [
        "guard:required-tags",
        "guard:allowed-regions",
        "guard:approved-registries",
        "guard:no-public-ips",
    ];
    // `GUARD_PACKS=guard:required-tags,...` times some packs only.
    let chosen = std::env::var("GUARD_PACKS").unwrap_or_else(|_| packs.join(","));
    let guard: Vec<GuardFile> = chosen
        .split(',')
        .map(|name| GuardFile::load(name).expect("shipped pack"))
        .collect();

    let without = Options {
        policy: policy.clone(),
        ..Options::default()
    };
    let with = Options {
        policy: policy.clone(),
        guard: guard.clone(),
        ..Options::default()
    };
    let reference = Options {
        policy,
        guard,
        guard_engine: iacguard::policy::guard::Engine::CfnGuard,
        ..Options::default()
    };
    let documents = count * 3;
    let (base, base_findings) = best_of(3, || {
        scan_sources(files(count), Vec::new(), &without)
            .findings
            .len()
    });
    let (total, total_findings) = best_of(3, || {
        scan_sources(files(count), Vec::new(), &with).findings.len()
    });
    let guard_cost = total.saturating_sub(base);
    println!("documents: {documents} ({count} Kubernetes, {count} Terraform, {count} CloudFormation files)");
    println!("scan without Guard: {base:?} ({base_findings} findings)");
    println!(
        "scan with Guard ({chosen}): {total:?} ({} Guard findings)",
        total_findings - base_findings
    );
    println!(
        "Guard stage: {guard_cost:?}, {:.1} µs per document",
        guard_cost.as_secs_f64() * 1e6 / documents as f64
    );
    // The reference engine once (it is slow), to show what the native evaluator saves; it must
    // find the same.
    let (slow, slow_findings) = best_of(1, || {
        scan_sources(files(count), Vec::new(), &reference)
            .findings
            .len()
    });
    let slow_cost = slow.saturating_sub(base);
    println!(
        "Guard stage with --guard-engine cfn-guard: {slow_cost:?}, {:.1} µs per document ({:.0}x)",
        slow_cost.as_secs_f64() * 1e6 / documents as f64,
        slow_cost.as_secs_f64() / guard_cost.as_secs_f64().max(1e-9)
    );
    assert_eq!(slow_findings, total_findings, "the engines disagree");
    // The generated files leave one tag (or label) out in three of each format; the other
    // packs pass on them.
    if chosen == packs.join(",") {
        assert_eq!(
            total_findings - base_findings,
            3 * count.div_ceil(3),
            "one missing tag in three files of each format"
        );
    }
}

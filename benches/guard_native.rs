//! The native Guard evaluator alone: µs per document for each shipped pack, on the model
//! documents of a generated scan (Kubernetes manifests, Terraform, CloudFormation templates).
//!
//! `cargo bench --bench guard_native [-- COUNT]` (default 1000 files of each format). The
//! Guard stage of a whole scan, and the same through cfn-guard, are in `cargo bench --bench
//! guard`.

use std::time::{Duration, Instant};

#[path = "support/guard_corpus.rs"]
mod guard_corpus;

use guard_corpus::files;

use iacguard::policy::guard::native::Program;
use iacguard::policy::guard::{model_documents, BUILTIN};
use iacguard::policy::org::OrgPolicy;
use iacguard::scan::{scan_sources, Options};

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(1000);
    let policy = OrgPolicy {
        required_tags: vec!["owner".to_string()],
        allowed_regions: vec!["eu-west-1".to_string()],
        approved_registries: vec!["123456789012.dkr.ecr.eu-west-1.amazonaws.com".to_string()],
        ..OrgPolicy::default()
    };
    let options = Options {
        policy: policy.clone(),
        ..Options::default()
    };
    let scan = scan_sources(files(count), Vec::new(), &options);
    let by_file = model_documents(&scan.model, &scan.sources, &policy);
    let documents: Vec<serde_json::Value> = by_file
        .as_object()
        .into_iter()
        .flat_map(|map| map.values().cloned())
        .collect();
    println!("documents: {}", documents.len());
    let mut total = Duration::ZERO;
    for (name, text) in BUILTIN {
        let program = Program::from_text(text, name).expect("the pack compiles");
        let mut best = Duration::MAX;
        let mut failures = 0;
        for _ in 0..3 {
            let started = Instant::now();
            failures = 0;
            for document in &documents {
                failures += program.evaluate(document).map_or(0, |found| found.len());
            }
            best = best.min(started.elapsed());
        }
        total += best;
        println!(
            "guard:{name}: {:.2} µs per document ({failures} failures)",
            best.as_secs_f64() * 1e6 / documents.len() as f64
        );
    }
    println!(
        "4 packs natively: {:.2} µs per document",
        total.as_secs_f64() * 1e6 / documents.len() as f64
    );
}

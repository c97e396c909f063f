//! The native Guard evaluator alone: µs per document for each shipped pack, on the model
//! documents of a generated scan (Kubernetes manifests, Terraform, CloudFormation templates).
//!
//! `cargo bench --bench guard_native [-- COUNT]` (default 1000 files of each format). The
//! Guard stage of a whole scan, and the same through cfn-guard, are in `cargo bench --bench
//! guard`.

use std::time::{Duration, Instant};

use iacguard::policy::guard::native::Program;
use iacguard::policy::guard::{model_documents, BUILTIN};
use iacguard::policy::org::OrgPolicy;
use iacguard::scan::{scan_sources, Options};
use iacguard::source::SourceFile;

fn files(count: usize) -> Vec<SourceFile> {
    let mut files = Vec::with_capacity(count * 3);
    for i in 0..count {
        let owner = if i % 3 == 0 { "" } else { "    owner: team\n" };
        files.push(SourceFile::new(
            None,
            format!("k8s/{i:05}.yaml"),
            format!(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web{i}\n  labels:\n    app: web\n{owner}spec:\n  template:\n    spec:\n      nodeSelector:\n        topology.kubernetes.io/region: eu-west-1\n      containers:\n        - name: web\n          image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:{i}\n"
            ),
        ));
        let tags = if i % 3 == 0 {
            ""
        } else {
            "  tags = { owner = \"team\" }\n"
        };
        files.push(SourceFile::new(
            None,
            format!("tf/{i:05}/main.tf"),
            format!(
                "resource \"aws_ebs_volume\" \"v\" {{\n  availability_zone = \"eu-west-1a\"\n  size = {}\n{tags}}}\n",
                10 + i % 50
            ),
        ));
        let tag = if i % 3 == 0 { "Purpose" } else { "owner" };
        files.push(SourceFile::new(
            None,
            format!("cfn/{i:05}.yaml"),
            format!(
                "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Volume:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: eu-west-1a\n      Size: {}\n      Tags:\n        - Key: {tag}\n          Value: x\n",
                10 + i % 50
            ),
        ));
    }
    files
}

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

//! Terraform `kubernetes_*` resources fill the Kubernetes model, so the Kubernetes rules fire
//! on them at the `.tf` lines.

use std::path::PathBuf;

use iacguard::scan::{scan_paths, Options, Scan};

fn scan(path: &str) -> Scan {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    scan_paths(&[root], &Options::default())
}

/// `RULE file:line address`, sorted, with the file name only.
fn findings(scan: &Scan) -> Vec<String> {
    let mut out: Vec<String> = scan
        .findings
        .iter()
        .map(|f| {
            let file = scan.sources.get(f.span.file);
            let name = file.display.rsplit('/').next().unwrap_or_default();
            let line = file.position(f.span.start as usize).line;
            format!("{} {name}:{line} {}", f.rule.id, f.address)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn kubernetes_resources_raise_the_kubernetes_rules() {
    let scan = scan("testdata/terraform/kubernetes");
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    assert_eq!(
        findings(&scan),
        [
            "K8S-POD-001 workloads.tf:25 kubernetes_deployment.web",
            "K8S-POD-001 workloads.tf:40 kubernetes_deployment.web",
            "K8S-POD-001 workloads.tf:64 kubernetes_cron_job_v1.report",
            "K8S-SEC-001 workloads.tf:114 kubernetes_secret.api",
            "K8S-STO-001 workloads.tf:74 kubernetes_storage_class.gp2",
            "K8S-STO-001 workloads.tf:94 kubernetes_storage_class_v1.gp3",
        ]
    );
    let messages: Vec<&str> = scan.findings.iter().map(|f| f.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("init container `setup`")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("default class")),
        "{messages:?}"
    );
}

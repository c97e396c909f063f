//! The insecure-by-design demo application and its hardened twin (`testdata/demo`): the first
//! gives exactly the findings in `insecure/expected.txt`, the second none at warning level or
//! above. Together they exercise the Kubernetes catalogue across files: pod security, RBAC,
//! service accounts bound in another file, network policies, exposure, images and secrets.

mod common;

use std::path::Path;

use common::*;

const REGISTRY: &str = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

fn scan(dir: &str) -> (serde_json::Value, Option<i32>) {
    let output = iacguard(&[
        "scan",
        dir,
        "--approved-registries",
        REGISTRY,
        "--format",
        "json",
    ]);
    (json(&output), output.status.code())
}

/// `path:line:column RULE-ID severity` per finding.
fn lines(report: &serde_json::Value) -> Vec<String> {
    finding_lines(report)
        .into_iter()
        .zip(report["findings"].as_array().unwrap())
        .map(|(line, finding)| format!("{line} {}", finding["severity"].as_str().unwrap()))
        .collect()
}

#[test]
fn the_insecure_demo_gives_the_expected_findings() {
    let (report, code) = scan("testdata/demo/insecure");
    assert_eq!(code, Some(1));
    assert!(report["notices"].as_array().unwrap().is_empty());
    let actual = lines(&report).join("\n") + "\n";
    let expected_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/demo/insecure/expected.txt");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap();
    assert_eq!(
        actual, expected,
        "rerun with UPDATE_EXPECTED=1 to accept a deliberate change"
    );
    // Every family of the catalogue shows up.
    for family in [
        "K8S-POD-",
        "K8S-RBAC-",
        "K8S-SA-",
        "K8S-NET-",
        "K8S-NS-",
        "K8S-SVC-",
        "K8S-IMG-",
        "K8S-SEC-",
    ] {
        assert!(expected.contains(family), "no {family} finding");
    }
}

#[test]
fn the_hardened_twin_has_nothing_at_warning_level_or_above() {
    let (report, code) = scan("testdata/demo/hardened");
    let serious: Vec<String> = lines(&report)
        .into_iter()
        .filter(|line| !line.ends_with(" low"))
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
    assert!(report["notices"].as_array().unwrap().is_empty());
    assert_eq!(code, Some(0));
}

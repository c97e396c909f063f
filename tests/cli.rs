//! The `iacguard` binary end to end: bundled examples, exit codes, output formats and
//! determinism. Hostile input has its own file, `tests/hostile.rs`.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::*;

#[test]
fn bundled_examples_give_the_expected_findings() {
    let output = iacguard(&["scan", "testdata/examples", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "findings exit with 1");
    let report = json(&output);
    let actual = finding_lines(&report).join("\n") + "\n";
    let expected_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/examples/expected.txt");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap();
    assert_eq!(
        actual, expected,
        "rerun with UPDATE_EXPECTED=1 to accept a deliberate change"
    );
    assert_eq!(report["notices"].as_array().unwrap().len(), 0);
    assert_eq!(report["summary"]["incomplete"], false);
}

#[test]
fn provenance_becomes_related_locations() {
    let report = json(&iacguard(&[
        "scan",
        "testdata/examples/terraform",
        "--format",
        "json",
    ]));
    let volume = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "AWS-EBS-001")
        .expect("the unencrypted volume is found");
    assert_eq!(volume["resource"], "aws_ebs_volume.data");
    assert_eq!(
        volume["location"]["path"],
        "testdata/examples/terraform/eks/main.tf"
    );
    let related = &volume["related"][0];
    assert_eq!(
        related["location"]["path"],
        "testdata/examples/terraform/eks/variables.tf"
    );
    assert_eq!(related["location"]["start_line"], 14);
    assert!(related["message"]
        .as_str()
        .unwrap()
        .contains("encrypt_volumes"));
}

#[test]
fn text_output_has_frames_help_and_summary() {
    // Only the control-plane rules: the static pod also has pod-security findings.
    let output = iacguard(&[
        "scan",
        "testdata/examples/kubernetes/kube-apiserver.yaml",
        "--select",
        "K8S-CP",
    ]);
    let text = stdout(&output);
    assert!(
        text.contains("K8S-CP-001 apiserver-secure-port-disabled"),
        "{text}"
    );
    assert!(
        text.contains("testdata/examples/kubernetes/kube-apiserver.yaml:15:25"),
        "{text}"
    );
    assert!(text.contains("help: remove `--secure-port=0`"), "{text}");
    assert!(text.contains("Scanned 1 file in "), "{text}");
    assert!(
        text.contains("6 findings (2 high, 3 medium, 1 low)"),
        "{text}"
    );
}

#[test]
fn reports_are_byte_identical_across_runs_and_thread_counts() {
    for format in ["json", "sarif"] {
        let first = iacguard(&["scan", "testdata", "--format", format]).stdout;
        let again = iacguard(&["scan", "testdata", "--format", format]).stdout;
        let single = Command::new(env!("CARGO_BIN_EXE_iacguard"))
            .args(["scan", "testdata", "--format", format])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("RAYON_NUM_THREADS", "1")
            .output()
            .unwrap()
            .stdout;
        assert!(!first.is_empty());
        assert_eq!(first, again, "{format} differs between runs");
        assert_eq!(first, single, "{format} differs with one thread");
    }
}

#[test]
fn sarif_meets_code_scanning_requirements() {
    let output = iacguard(&["scan", "testdata", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for rule in rules {
        assert_ne!(rule["id"], rule["name"]);
        for field in ["shortDescription", "fullDescription"] {
            assert!(!rule[field]["text"].as_str().unwrap().is_empty());
        }
        assert!(rule["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## Why is this bad?"));
        assert!(rule["helpUri"].as_str().unwrap().starts_with("https://"));
        let tags = rule["properties"]["tags"].as_array().unwrap();
        assert!(tags.iter().any(|t| t == "security"));
        assert!(rule["properties"]["security-severity"].as_str().is_some());
    }
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("testdata/") && !uri.contains('\\'), "{uri}");
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(location["region"]["startColumn"].as_u64().unwrap() >= 1);
        assert!(result["partialFingerprints"]["iacguard/v1"]
            .as_str()
            .is_some());
    }
    // testdata/broken holds files that do not parse: they are error notifications with a
    // location. Notes and warnings (a Helm chart's skipped templates, kustomize patches,
    // modules that are not analysed) have one too.
    let notifications = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    let errors = notifications.iter().filter(|n| n["level"] == "error");
    assert_eq!(errors.count(), 3);
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    for notification in notifications {
        let region = &notification["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn broken_files_are_reported_and_the_rest_is_still_scanned() {
    let output = iacguard(&["scan", "testdata/broken", "--format", "json"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "an incomplete scan exits with 2"
    );
    let report = json(&output);
    assert_eq!(
        finding_lines(&report),
        vec!["testdata/broken/good-volume.yaml:2:3 AWS-EBS-001"]
    );
    let notices: Vec<String> = report["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            format!(
                "{}:{} {}",
                n["path"].as_str().unwrap(),
                n["location"]["start_line"],
                n["message"].as_str().unwrap().split(':').next().unwrap()
            )
        })
        .collect();
    assert_eq!(
        notices,
        vec![
            "testdata/broken/bad-manifest.yaml:8 cannot parse YAML",
            "testdata/broken/bad-template.json:4 cannot parse JSON",
            "testdata/broken/tf/main.tf:3 cannot parse Terraform",
        ]
    );
}

#[test]
fn walking_honours_gitignore_and_skips_tool_directories() {
    let dir = scratch("walk");
    let volume = "resource \"aws_ebs_volume\" \"v\" {\n  size = 1\n}\n";
    for sub in [
        "kept",
        "ignored",
        ".terraform/modules/m",
        "node_modules/pkg",
    ] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(dir.join(sub).join("main.tf"), volume).unwrap();
    }
    std::fs::write(dir.join(".gitignore"), "ignored/\n").unwrap();
    let report = json(&iacguard(&[
        "scan",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let findings = finding_lines(&report);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(findings[0].contains("kept/main.tf"));
}

#[test]
fn stdin_is_scanned_as_one_stream() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_iacguard"))
        .args([
            "scan",
            "-",
            "--format",
            "json",
            "--select",
            "K8S-POD-001,K8S-NS,K8S-SA,K8S-NET",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: nginx\n      securityContext: {privileged: true}\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    // A pod without namespace or service account, alone in the scan: it is in `default`,
    // whose Pod Security label and network policies are nowhere to be seen.
    assert_eq!(
        finding_lines(&json(&output)),
        vec![
            "<stdin>:2:1 K8S-NET-001",
            "<stdin>:2:1 K8S-NS-001",
            "<stdin>:2:1 K8S-NS-002",
            "<stdin>:2:1 K8S-SA-001",
            "<stdin>:2:1 K8S-SA-002",
            "<stdin>:8:37 K8S-POD-001",
        ]
    );
}

#[test]
fn selection_threshold_and_soft_fail_decide_the_exit_code() {
    let file = "testdata/examples/kubernetes/kube-apiserver.yaml";
    let only = json(&iacguard(&[
        "scan",
        file,
        "--format",
        "json",
        "--select",
        "K8S-CP-001",
    ]));
    assert_eq!(
        finding_lines(&only),
        vec![format!("{file}:15:25 K8S-CP-001")]
    );
    let ignored = iacguard(&[
        "scan",
        file,
        "--select",
        "K8S-CP,K8S-STO",
        "--ignore",
        "K8S-CP",
        "--format",
        "json",
    ]);
    assert_eq!(ignored.status.code(), Some(0));
    assert_eq!(finding_lines(&json(&ignored)).len(), 0);
    // Only a medium finding is left: below a high threshold it is reported but does not fail.
    let medium = iacguard(&[
        "scan",
        file,
        "--select",
        "apiserver-anonymous-auth",
        "--severity-threshold",
        "high",
    ]);
    assert_eq!(medium.status.code(), Some(0));
    assert!(stdout(&medium).contains("K8S-CP-002"));
    assert_eq!(
        iacguard(&["scan", file, "--soft-fail"]).status.code(),
        Some(0)
    );
    assert_eq!(
        iacguard(&["scan", file, "--select", "NOPE"]).status.code(),
        Some(2)
    );
    assert_eq!(
        iacguard(&["scan", file, "--severity-threshold", "severe"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn several_formats_in_one_run() {
    let dir = scratch("formats");
    let sarif = dir.join("out.sarif");
    let json_file = dir.join("out.json");
    let output = iacguard(&[
        "scan",
        "testdata/examples/kubernetes",
        "--format",
        "sarif",
        "--output",
        sarif.to_str().unwrap(),
        "--format",
        "json",
        "--output",
        json_file.to_str().unwrap(),
        "--format",
        "text",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("Scanned 4 files"));
    assert!(std::fs::read_to_string(sarif)
        .unwrap()
        .contains("\"2.1.0\""));
    assert!(std::fs::read_to_string(json_file)
        .unwrap()
        .contains("\"schema_version\": 1"));
}

#[test]
fn rules_and_explain() {
    let list: serde_json::Value = json(&iacguard(&["rules", "--format", "json"]));
    let rules = list.as_array().unwrap();
    assert_eq!(rules.len(), iacguard::rules::ALL.len());
    let eks = rules.iter().find(|r| r["id"] == "AWS-EKS-002").unwrap();
    assert_eq!(
        eks["formats"],
        serde_json::json!(["cfn-json", "cfn-yaml", "eksctl", "tf"])
    );
    assert!(eks["references"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == "CCE-88813-1"));
    let text = stdout(&iacguard(&["rules"]));
    assert!(text.lines().count() == rules.len());

    let explained = iacguard(&["explain", "eks-public-endpoint"]);
    assert_eq!(explained.status.code(), Some(0));
    let docs = stdout(&explained);
    assert!(docs.starts_with("# AWS-EKS-002 eks-public-endpoint (high)"));
    assert!(docs.contains("## How to fix"));
    assert_eq!(iacguard(&["explain", "NO-SUCH-001"]).status.code(), Some(2));
}

#[test]
fn help_documents_exit_codes() {
    let help = stdout(&iacguard(&["scan", "--help"]));
    assert!(help.contains("Exit codes:"));
    assert!(help.contains("2  usage error, or the scan was incomplete"));
}

#[test]
fn rulesets_select_their_rules() {
    let file = "testdata/examples/kubernetes/kube-apiserver.yaml";
    // cis-eks has no control-plane flag rules (self-managed API servers are not EKS); the
    // static pod is still a pod, so its pod-security controls apply.
    let cis_eks = json(&iacguard(&[
        "scan",
        file,
        "--ruleset",
        "cis-eks",
        "--format",
        "json",
    ]));
    let lines = finding_lines(&cis_eks);
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|l| !l.contains("K8S-CP-")), "{lines:?}");
    let eks = json(&iacguard(&[
        "scan",
        "testdata/examples/terraform",
        "--ruleset",
        "eks-hardening",
        "--format",
        "json",
    ]));
    let ids: Vec<String> = finding_lines(&eks)
        .iter()
        .map(|l| l.rsplit(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        vec![
            "AWS-EKS-003",
            "AWS-EKS-006",
            "AWS-EKS-007",
            "AWS-EKS-008",
            "AWS-EKS-009",
            "AWS-EKS-002"
        ]
    );
    let missing = iacguard(&["scan", file, "--ruleset", "no-such-profile"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cis-eks"));
}

#[test]
fn cfn_params_files_set_parameters_and_broken_ones_are_errors() {
    let case = "testdata/cloudformation/params-file";
    // The endpoint rules are what the parameters decide.
    let select = "AWS-EKS-002,AWS-EKS-003";
    let default = iacguard(&["scan", case, "--select", select, "--format", "json"]);
    assert_eq!(default.status.code(), Some(0), "private by default");

    let params = format!("{case}/params/public-cli.json");
    let output = iacguard(&[
        "scan",
        case,
        "--cfn-params",
        &params,
        "--select",
        select,
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(
        finding_lines(&report),
        vec![
            format!("{case}/template.yaml:20:31 AWS-EKS-002"),
            format!("{case}/template.yaml:22:28 AWS-EKS-003"),
        ]
    );
    let related = report["findings"][0]["related"][0]["message"]
        .as_str()
        .unwrap();
    assert!(related.contains("public-cli.json"), "{related}");

    let dir = scratch("cfn-params");
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\n  \"PublicEndpoint\": \"true\",\n}\n").unwrap();
    let broken = broken.to_str().unwrap();
    let output = iacguard(&["scan", case, "--cfn-params", broken, "--format", "json"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "an unreadable input is an incomplete scan"
    );
    let report = json(&output);
    let notices = report["notices"].as_array().unwrap();
    assert_eq!(notices.len(), 1);
    assert!(notices[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("broken.json"));
    let message = notices[0]["message"].as_str().unwrap();
    assert!(message.contains("line 3"), "{message}");
    assert_eq!(notices[0]["level"], "error");
}

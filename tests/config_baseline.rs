//! The configuration file, baselines and suppressed findings in reports, end to end.

mod common;

use std::path::Path;

use common::*;

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

const CLUSTER: &str = r#"resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    endpoint_public_access  = true
    endpoint_private_access = true
  }
}
"#;

const VOLUME: &str = r#"resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = false
}
"#;

#[test]
fn configuration_errors_are_code_frames_at_the_line_and_stop_the_scan() {
    let dir = scratch("config-errors");
    write(&dir, "main.tf", VOLUME);
    write(
        &dir,
        ".iacguard.toml",
        "select = [\"AWS-EBS\"]\n\n[policy]\napproved_registry = [\"ghcr.io/acme\"]\n",
    );
    let output = iacguard(&["scan", arg(&dir)]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("approved_registry"), "{stderr}");
    assert!(stderr.contains(" 4 │"), "the frame shows line 4:\n{stderr}");

    write(&dir, ".iacguard.toml", "severity_threshold = \"urgent\"\n");
    let output = iacguard(&["scan", arg(&dir)]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("`urgent` is not a severity"), "{stderr}");
}

#[test]
fn the_configuration_selects_overrides_excludes_and_sets_the_threshold() {
    let dir = scratch("config-effects");
    write(&dir, "cluster/main.tf", CLUSTER);
    write(&dir, "volumes/main.tf", VOLUME);
    write(&dir, "vendor/main.tf", VOLUME);
    write(
        &dir,
        ".iacguard.toml",
        r#"
ignore = ["AWS-EKS-001", "AWS-EKS-004", "AWS-EKS-005"]
exclude = ["vendor/"]
severity_threshold = "high"

[severity]
"AWS-EBS-001" = "low"
"#,
    );
    // Found by walking up from the scanned directory.
    let output = iacguard(&["scan", arg(&dir.join("volumes")), "--format", "json"]);
    let report = json(&output);
    let rules: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(rules, [("AWS-EBS-001", "low")]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "low is below the configured threshold"
    );

    let output = iacguard(&["scan", arg(&dir), "--format", "json"]);
    let report = json(&output);
    let paths: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    assert!(paths.iter().all(|p| !p.contains("vendor")), "{paths:?}");
    assert!(paths.iter().any(|p| p.contains("cluster")), "{paths:?}");
    assert_eq!(output.status.code(), Some(1), "AWS-EKS-002 is high");

    // The command line wins over the file.
    let output = iacguard(&["scan", arg(&dir), "--severity-threshold", "critical"]);
    assert_eq!(output.status.code(), Some(0));
    let output = iacguard(&["scan", arg(&dir), "--no-config", "--format", "json"]);
    assert!(json(&output)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["location"]["path"].as_str().unwrap().contains("vendor")));
}

#[test]
fn a_baseline_survives_line_shifts_and_reports_only_new_findings() {
    let dir = scratch("baseline");
    write(&dir, "main.tf", VOLUME);
    let baseline = dir.join("baseline.json");
    let output = iacguard(&["scan", arg(&dir), "--write-baseline", arg(&baseline)]);
    assert_eq!(output.status.code(), Some(1));
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(recorded["findings"][0]["rule"], "AWS-EBS-001");

    // Lines added above the old finding, and a new problem below.
    let shifted = format!("# Data volumes.\n\n\n{VOLUME}\n{CLUSTER}");
    write(&dir, "main.tf", &shifted);
    let output = iacguard(&[
        "scan",
        arg(&dir),
        "--baseline",
        arg(&baseline),
        "--format",
        "json",
    ]);
    let report = json(&output);
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"AWS-EBS-001"), "{rules:?}");
    assert!(rules.contains(&"AWS-EKS-002"), "{rules:?}");

    // Fixing the baselined finding leaves a stale entry, which is reported.
    write(&dir, "main.tf", &VOLUME.replace("false", "true"));
    let output = iacguard(&[
        "scan",
        arg(&dir),
        "--baseline",
        arg(&baseline),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let report = json(&output);
    assert!(report["notices"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["message"]
            .as_str()
            .unwrap()
            .contains("1 baseline entry no longer occur")));
}

#[test]
fn suppressed_findings_are_in_sarif_and_json_and_counted_in_text() {
    let dir = scratch("suppressed-reports");
    write(
        &dir,
        "main.tf",
        &format!("# iacguard:ignore AWS-EBS-001 scratch disk\n{VOLUME}"),
    );
    let output = iacguard(&["scan", arg(&dir), "--format", "sarif"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "suppressed findings do not fail"
    );
    let sarif = json(&output);
    let suppression = &sarif["runs"][0]["results"][0]["suppressions"][0];
    assert_eq!(suppression["kind"], "inSource");
    assert_eq!(suppression["status"], "accepted");
    assert!(suppression["justification"]
        .as_str()
        .unwrap()
        .starts_with("scratch disk"));
    assert_eq!(
        suppression["location"]["physicalLocation"]["region"]["startLine"],
        1
    );

    let report = json(&iacguard(&["scan", arg(&dir), "--format", "json"]));
    assert_eq!(report["summary"]["findings"], 0);
    assert_eq!(report["summary"]["suppressed"], 1);
    assert_eq!(
        report["findings"][0]["suppression"]["directive"],
        "iacguard"
    );

    let text = stdout(&iacguard(&["scan", arg(&dir)]));
    assert!(text.contains("no findings, 1 suppressed"), "{text}");
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args(["-c", "user.name=test", "-c", "user.email=test@example.com"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .arg("-C")
        .arg(dir)
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn diff_base_reports_what_a_variable_change_made_insecure_and_nothing_else() {
    let dir = scratch("diff-base");
    git(&dir, &["init", "-q"]);
    write(
        &dir,
        "modules/storage/variables.tf",
        "variable \"encrypt\" {\n  type    = bool\n  default = true\n}\n",
    );
    write(
        &dir,
        "modules/storage/main.tf",
        "resource \"aws_ebs_volume\" \"data\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 10\n  encrypted         = var.encrypt\n}\n",
    );
    // Insecure before the change too: a pull request did not cause it.
    write(&dir, "legacy/main.tf", VOLUME);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "base"]);

    write(
        &dir,
        "modules/storage/variables.tf",
        "variable \"encrypt\" {\n  type    = bool\n  default = false\n}\n",
    );
    let output = iacguard(&["scan", arg(&dir), "--diff-base", "HEAD", "--format", "json"]);
    let report = json(&output);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let finding = &findings[0];
    assert_eq!(finding["rule_id"], "AWS-EBS-001");
    assert!(finding["location"]["path"]
        .as_str()
        .unwrap()
        .ends_with("modules/storage/main.tf"));
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.contains("security regression since HEAD: `encrypted` changed true → false"),
        "{message}"
    );
    assert_eq!(output.status.code(), Some(1));

    // Without the flag both findings are there.
    let all = json(&iacguard(&["scan", arg(&dir), "--format", "json"]));
    assert_eq!(all["findings"].as_array().unwrap().len(), 2);
}

//! The GitHub Action's steps outside GitHub: scripts/action-scan.sh and action-finish.sh run
//! with a simulated Actions environment (`GITHUB_STEP_SUMMARY` and `GITHUB_OUTPUT` pointing
//! at temporary files), and action.yml keeps inputs out of `run:` and pins the upload action.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

const INSECURE: &str = "\
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
    - name: web
      image: registry.example.com/web:1.4.2
      securityContext:
        privileged: true
";

struct Step {
    dir: PathBuf,
    summary: PathBuf,
    outputs: PathBuf,
}

impl Step {
    fn new(name: &str) -> Step {
        let dir = scratch(name);
        std::fs::create_dir_all(dir.join("repo/k8s")).unwrap();
        std::fs::write(dir.join("repo/k8s/pod.yaml"), INSECURE).unwrap();
        let summary = dir.join("step_summary.md");
        let outputs = dir.join("github_output");
        std::fs::write(&summary, "").unwrap();
        std::fs::write(&outputs, "").unwrap();
        Step {
            dir,
            summary,
            outputs,
        }
    }

    fn script(&self, script: &str, env: &[(&str, &str)]) -> Output {
        let mut command = Command::new("bash");
        command
            .arg(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("scripts")
                    .join(script),
            )
            .current_dir(self.dir.join("repo"))
            .env("IACGUARD_BIN", env!("CARGO_BIN_EXE_iacguard"))
            .env("GITHUB_STEP_SUMMARY", &self.summary)
            .env("GITHUB_OUTPUT", &self.outputs)
            .env("NO_COLOR", "1");
        for key in [
            "SCAN_PATH",
            "CONFIG",
            "BASELINE",
            "SEVERITY_THRESHOLD",
            "SELECT",
            "IGNORE",
            "SARIF_FILE",
            "ANNOTATIONS",
            "EXIT_CODE",
            "SOFT_FAIL",
        ] {
            command.env_remove(key);
        }
        for (key, value) in env {
            command.env(key, value);
        }
        command.output().expect("bash runs")
    }

    fn outputs(&self) -> BTreeMap<String, String> {
        std::fs::read_to_string(&self.outputs)
            .unwrap()
            .lines()
            .filter_map(|line| line.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn summary(&self) -> String {
        std::fs::read_to_string(&self.summary).unwrap()
    }
}

#[test]
fn scan_step_writes_sarif_summary_and_outputs_and_leaves_failing_to_the_last_step() {
    let step = Step::new("action_findings");
    let output = step.script(
        "action-scan.sh",
        &[
            ("SCAN_PATH", "k8s"),
            ("SARIF_FILE", "reports/iacguard.sarif"),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "the upload must still run");
    let log = stdout(&output);
    assert!(
        log.contains("::error file=k8s/pod.yaml,line=11,col=21,endLine=11,endColumn=25,title=K8S-POD-001 privileged-container::"),
        "{log}"
    );

    let outputs = step.outputs();
    assert_eq!(outputs["exit-code"], "1");
    let findings: usize = outputs["findings"].parse().unwrap();
    assert!(findings >= 1);
    assert_eq!(outputs["sarif-file"], "reports/iacguard.sarif");
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(step.dir.join("repo/reports/iacguard.sarif")).unwrap(),
    )
    .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), findings);
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "k8s/pod.yaml",
        "paths relative to the repository root"
    );

    let summary = step.summary();
    assert!(summary.starts_with("## iacguard\n"), "{summary}");
    assert!(summary.contains(&format!("**{findings} findings**")));
    assert!(
        summary.contains("| critical | `K8S-POD-001` privileged-container | `k8s/pod.yaml:11` |")
    );

    let finish = step.script(
        "action-finish.sh",
        &[("EXIT_CODE", "1"), ("SOFT_FAIL", "false")],
    );
    assert_eq!(finish.status.code(), Some(1));
    assert!(stdout(&finish).starts_with("::error"));
    let soft = step.script(
        "action-finish.sh",
        &[("EXIT_CODE", "1"), ("SOFT_FAIL", "true")],
    );
    assert_eq!(soft.status.code(), Some(0));
    assert!(stdout(&soft).starts_with("::warning"));
    let incomplete = step.script(
        "action-finish.sh",
        &[("EXIT_CODE", "2"), ("SOFT_FAIL", "true")],
    );
    assert_eq!(incomplete.status.code(), Some(2));
    let clean = step.script("action-finish.sh", &[("EXIT_CODE", "0")]);
    assert_eq!(clean.status.code(), Some(0));
}

#[test]
fn threshold_selection_and_text_log_without_annotations() {
    let step = Step::new("action_inputs");
    let output = step.script(
        "action-scan.sh",
        &[
            ("SCAN_PATH", "  k8s  \n\n"),
            ("SELECT", "K8S-POD-001,K8S-POD-005"),
            ("SEVERITY_THRESHOLD", "critical"),
            ("ANNOTATIONS", "false"),
        ],
    );
    assert_eq!(output.status.code(), Some(0));
    let log = stdout(&output);
    assert!(!log.contains("::error"), "no annotations: {log}");
    assert!(
        log.contains("K8S-POD-001"),
        "the text report instead: {log}"
    );
    let outputs = step.outputs();
    assert_eq!(outputs["exit-code"], "1", "the critical finding fails");
    assert_eq!(outputs["findings"], "2");
    assert_eq!(outputs["sarif-file"], "iacguard.sarif");
    assert!(
        step.summary().contains("**2 findings**"),
        "summary still written"
    );

    let ignored = Step::new("action_ignore");
    ignored.script(
        "action-scan.sh",
        &[
            ("SCAN_PATH", "k8s"),
            ("IGNORE", "K8S-POD-001"),
            ("SEVERITY_THRESHOLD", "critical"),
        ],
    );
    assert_eq!(ignored.outputs()["exit-code"], "0", "below the threshold");
}

#[test]
fn config_and_baseline_inputs_are_honoured() {
    let step = Step::new("action_baseline");
    let repo = step.dir.join("repo");
    let baseline = Command::new(env!("CARGO_BIN_EXE_iacguard"))
        .args([
            "scan",
            "k8s",
            "--write-baseline",
            "baseline.json",
            "--format",
            "json",
        ])
        .current_dir(&repo)
        .output()
        .unwrap();
    assert_eq!(baseline.status.code(), Some(1));

    let output = step.script(
        "action-scan.sh",
        &[("SCAN_PATH", "k8s"), ("BASELINE", "baseline.json")],
    );
    assert_eq!(output.status.code(), Some(0));
    let outputs = step.outputs();
    assert_eq!(outputs["exit-code"], "0", "everything is in the baseline");
    assert_eq!(outputs["findings"], "0");
    assert!(step.summary().contains("No findings"));

    let configured = Step::new("action_config");
    let repo = configured.dir.join("repo");
    std::fs::write(repo.join("ci.toml"), "ignore = [\"K8S\"]\n").unwrap();
    configured.script(
        "action-scan.sh",
        &[("SCAN_PATH", "k8s"), ("CONFIG", "ci.toml")],
    );
    assert_eq!(configured.outputs()["exit-code"], "0");
    assert_eq!(configured.outputs()["findings"], "0");
}

#[test]
fn a_usage_error_is_reported_as_exit_code_two() {
    let step = Step::new("action_usage");
    let output = step.script(
        "action-scan.sh",
        &[("SCAN_PATH", "k8s"), ("SELECT", "NO-SUCH-RULE")],
    );
    assert_eq!(output.status.code(), Some(0));
    let outputs = step.outputs();
    assert_eq!(outputs["exit-code"], "2");
    assert!(!outputs.contains_key("sarif-file"), "nothing to upload");
    let finish = step.script("action-finish.sh", &[("EXIT_CODE", "2")]);
    assert_eq!(finish.status.code(), Some(2));
}

#[test]
fn action_yml_keeps_inputs_out_of_run_and_pins_the_upload() {
    let action =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml")).unwrap();
    let runs: Vec<&str> = action
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("run:"))
        .collect();
    assert_eq!(runs.len(), 3, "install, scan, finish");
    for run in runs {
        assert!(!run.contains("${{"), "no interpolation in run: {run}");
        assert!(
            !run.ends_with('|') && !run.ends_with('>'),
            "one-line runs: {run}"
        );
    }
    let upload = action
        .lines()
        .find(|line| line.contains("github/codeql-action/upload-sarif@"))
        .unwrap();
    let pin = upload.rsplit('@').next().unwrap().trim();
    assert_eq!(pin.len(), 40, "pinned to a full commit SHA: {pin}");
    assert!(pin.chars().all(|c| c.is_ascii_hexdigit()));
    for input in [
        "path",
        "config",
        "baseline",
        "severity-threshold",
        "select",
        "ignore",
        "soft-fail",
        "sarif-file",
        "category",
        "upload-sarif",
        "annotations",
        "version",
    ] {
        assert!(action.contains(&format!("\n  {input}:\n")), "input {input}");
    }
    assert!(
        action.contains("cargo install") || {
            let install = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/action-install.sh"),
            )
            .unwrap();
            install.contains("cargo install --locked --quiet --path \"$GITHUB_ACTION_PATH\"")
        }
    );
}

/// What the pre-commit hooks run: `scan --changed-files` with the files pre-commit passes.
#[test]
fn changed_files_read_the_whole_module_and_report_only_those_files() {
    let dir = scratch("action_changed_files");
    std::fs::create_dir_all(dir.join("tf")).unwrap();
    std::fs::write(
        dir.join("tf/main.tf"),
        "resource \"aws_ebs_volume\" \"data\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 20\n  encrypted         = var.encrypt\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("tf/variables.tf"),
        "variable \"encrypt\" {\n  default = false\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("tf/other.tf"),
        "resource \"aws_ebs_volume\" \"other\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 20\n  encrypted         = false\n}\n",
    )
    .unwrap();
    let scan = |args: &[&str]| {
        let mut all = vec![
            "scan",
            "--no-config",
            "--format",
            "json",
            "--select",
            "AWS-EBS-001",
        ];
        all.extend_from_slice(args);
        let output = Command::new(env!("CARGO_BIN_EXE_iacguard"))
            .args(&all)
            .current_dir(&dir)
            .output()
            .unwrap();
        finding_lines(&json(&output))
    };
    // Alone, main.tf cannot know the variable's value: nothing to report.
    assert!(scan(&["tf/main.tf"]).is_empty());
    // As a changed file, its module is read: the default in variables.tf decides, and the
    // finding in other.tf (not changed) is not reported.
    assert_eq!(
        scan(&["--changed-files", "tf/main.tf"]),
        vec!["tf/main.tf:4:23 AWS-EBS-001".to_string()]
    );
    assert_eq!(
        scan(&["--changed-files", "tf/main.tf", "tf/other.tf"]).len(),
        2
    );
}

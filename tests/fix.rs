//! `iacguard scan --fix` end to end: each safe fix rewrites only the offending text, the fixed
//! file re-scans clean for the rule, a second `--fix` changes nothing, comments and formatting
//! stay, values that come through variables are left alone, and SARIF carries the same fixes.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iacguard"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn findings_of(dir: &Path, rule: &str) -> Vec<serde_json::Value> {
    let report = json(&run(dir, &["scan", ".", "--no-config", "--format", "json"]));
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == rule)
        .cloned()
        .collect()
}

/// Writes `before`, runs `--fix`, checks the file became `after`, the rule no longer fires,
/// and a second `--fix` leaves the file as it is.
fn check_fix(name: &str, file: &str, before: &str, after: &str, rule: &str) {
    let dir = scratch(name);
    let path = dir.join(file);
    std::fs::write(&path, before).unwrap();
    assert!(
        !findings_of(&dir, rule).is_empty(),
        "{rule} fires before the fix"
    );

    let output = run(
        &dir,
        &["scan", ".", "--no-config", "--fix", "--select", rule],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("fixed {file}:")), "{stderr}");
    assert!(stderr.contains(rule), "{stderr}");
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(fixed, after);
    assert!(findings_of(&dir, rule).is_empty(), "{rule} is fixed");
    assert_eq!(output.status.code(), Some(0), "nothing of {rule} remains");

    let again = run(
        &dir,
        &["scan", ".", "--no-config", "--fix", "--select", rule],
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing to fix"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after, "idempotent");
}

#[test]
fn terraform_volume_encryption_is_switched_on_in_place() {
    check_fix(
        "fix_tf_ebs",
        "main.tf",
        "# data volume\nresource \"aws_ebs_volume\" \"data\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 20\n  encrypted         = false # review\n}\n",
        "# data volume\nresource \"aws_ebs_volume\" \"data\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 20\n  encrypted         = true # review\n}\n",
        "AWS-EBS-001",
    );
}

#[test]
fn cloudformation_volume_encryption_is_switched_on_in_yaml_and_json() {
    check_fix(
        "fix_cfn_yaml",
        "template.yaml",
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Data:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: eu-west-1a\n      Size: 20\n      Encrypted: false  # legacy\n",
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Data:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: eu-west-1a\n      Size: 20\n      Encrypted: true  # legacy\n",
        "AWS-EBS-001",
    );
    check_fix(
        "fix_cfn_json",
        "template.json",
        "{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Resources\": {\n    \"Data\": {\n      \"Type\": \"AWS::EC2::Volume\",\n      \"Properties\": { \"AvailabilityZone\": \"eu-west-1a\", \"Size\": 20, \"Encrypted\": \"false\" }\n    }\n  }\n}\n",
        "{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Resources\": {\n    \"Data\": {\n      \"Type\": \"AWS::EC2::Volume\",\n      \"Properties\": { \"AvailabilityZone\": \"eu-west-1a\", \"Size\": 20, \"Encrypted\": \"true\" }\n    }\n  }\n}\n",
        "AWS-EBS-001",
    );
}

const DEPLOYMENT: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web # front end
          image: registry.example.com/web:1.4.2
          securityContext:
            privileged: true   # was needed for the old agent
            allowPrivilegeEscalation: true
            runAsNonRoot: true
";

#[test]
fn privileged_containers_are_switched_off() {
    check_fix(
        "fix_privileged",
        "deploy.yaml",
        DEPLOYMENT,
        &DEPLOYMENT.replace("privileged: true", "privileged: false"),
        "K8S-POD-001",
    );
}

#[test]
fn privilege_escalation_is_switched_off() {
    check_fix(
        "fix_escalation",
        "deploy.yaml",
        DEPLOYMENT,
        &DEPLOYMENT.replace(
            "allowPrivilegeEscalation: true",
            "allowPrivilegeEscalation: false",
        ),
        "K8S-POD-002",
    );
}

#[test]
fn read_only_root_filesystem_joins_an_existing_security_context() {
    check_fix(
        "fix_read_only",
        "deploy.yaml",
        DEPLOYMENT,
        &format!("{DEPLOYMENT}            readOnlyRootFilesystem: true\n"),
        "K8S-POD-005",
    );
}

#[test]
fn storage_classes_get_encrypted_parameters() {
    let missing = "\
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gp3
provisioner: ebs.csi.aws.com
parameters:
  type: gp3 # general purpose
";
    check_fix(
        "fix_sc_missing",
        "sc.yaml",
        missing,
        &format!("{missing}  encrypted: \"true\"\n"),
        "K8S-STO-001",
    );
    let no_parameters = "\
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gp3
provisioner: ebs.csi.aws.com
";
    check_fix(
        "fix_sc_no_parameters",
        "sc.yaml",
        no_parameters,
        &format!("{no_parameters}parameters:\n  encrypted: \"true\"\n"),
        "K8S-STO-001",
    );
    let explicit = "\
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gp3
provisioner: ebs.csi.aws.com
parameters:
  encrypted: \"false\"
  type: gp3
";
    check_fix(
        "fix_sc_false",
        "sc.yaml",
        explicit,
        &explicit.replace("\"false\"", "\"true\""),
        "K8S-STO-001",
    );
}

#[test]
fn values_from_variables_and_flow_mappings_are_not_fixed() {
    let dir = scratch("fix_refused");
    let main = "resource \"aws_ebs_volume\" \"data\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 20\n  encrypted         = var.encrypt\n}\n";
    let variables = "variable \"encrypt\" {\n  default = false\n}\n";
    let manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  containers:\n    - name: c\n      image: registry.example.com/c:1.0.0\n      securityContext: {runAsNonRoot: true}\n";
    std::fs::write(dir.join("main.tf"), main).unwrap();
    std::fs::write(dir.join("variables.tf"), variables).unwrap();
    std::fs::write(dir.join("pod.yaml"), manifest).unwrap();
    assert_eq!(findings_of(&dir, "AWS-EBS-001").len(), 1);
    assert_eq!(findings_of(&dir, "K8S-POD-005").len(), 1);

    let output = run(
        &dir,
        &[
            "scan",
            ".",
            "--no-config",
            "--fix",
            "--select",
            "AWS-EBS-001,K8S-POD-005",
        ],
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("nothing to fix"));
    assert_eq!(output.status.code(), Some(1), "the findings remain");
    assert_eq!(std::fs::read_to_string(dir.join("main.tf")).unwrap(), main);
    assert_eq!(
        std::fs::read_to_string(dir.join("variables.tf")).unwrap(),
        variables
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("pod.yaml")).unwrap(),
        manifest
    );
}

#[test]
fn files_outside_the_scan_are_never_touched() {
    let dir = scratch("fix_scope");
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::create_dir_all(dir.join("out")).unwrap();
    std::fs::write(dir.join("in/deploy.yaml"), DEPLOYMENT).unwrap();
    std::fs::write(dir.join("out/deploy.yaml"), DEPLOYMENT).unwrap();
    let output = run(
        &dir,
        &[
            "scan",
            "in",
            "--no-config",
            "--fix",
            "--select",
            "K8S-POD-001",
        ],
    );
    assert_eq!(output.status.code(), Some(0));
    assert_ne!(
        std::fs::read_to_string(dir.join("in/deploy.yaml")).unwrap(),
        DEPLOYMENT
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("out/deploy.yaml")).unwrap(),
        DEPLOYMENT
    );
}

#[test]
fn sarif_offers_the_fixes_as_replacements() {
    let dir = scratch("fix_sarif");
    std::fs::write(dir.join("deploy.yaml"), DEPLOYMENT).unwrap();
    let output = run(
        &dir,
        &[
            "scan",
            ".",
            "--no-config",
            "--format",
            "sarif",
            "--select",
            "K8S-POD-001,K8S-POD-005",
        ],
    );
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let privileged = results
        .iter()
        .find(|r| r["ruleId"] == "K8S-POD-001")
        .unwrap();
    let change = &privileged["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "deploy.yaml");
    let replacement = &change["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "false");
    assert_eq!(replacement["deletedRegion"]["startLine"], 13);
    assert_eq!(replacement["deletedRegion"]["startColumn"], 25);
    assert_eq!(replacement["deletedRegion"]["endColumn"], 29);
    let read_only = results
        .iter()
        .find(|r| r["ruleId"] == "K8S-POD-005")
        .unwrap();
    let insertion = &read_only["fixes"][0]["artifactChanges"][0]["replacements"][0];
    let region = &insertion["deletedRegion"];
    assert_eq!(region["startLine"], region["endLine"], "an insertion");
    assert_eq!(region["startColumn"], region["endColumn"]);
    assert_eq!(
        insertion["insertedContent"]["text"],
        "\n            readOnlyRootFilesystem: true"
    );
    assert!(read_only["fixes"][0]["description"]["text"]
        .as_str()
        .unwrap()
        .contains("readOnlyRootFilesystem"));
}

#[test]
fn several_entries_join_one_mapping_and_crlf_files_stay_crlf() {
    let dir = scratch("fix_two_insertions");
    let manifest = "apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\n  namespace: shop\r\nspec:\r\n  containers:\r\n    - name: c\r\n      image: registry.example.com/c:1.0.0\r\n      securityContext:\r\n        runAsNonRoot: true # keep\r\n";
    std::fs::write(dir.join("pod.yaml"), manifest).unwrap();
    let select = [
        "scan",
        ".",
        "--no-config",
        "--fix",
        "--select",
        "K8S-POD-002,K8S-POD-005",
    ];
    let output = run(&dir, &select);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let fixed = std::fs::read_to_string(dir.join("pod.yaml")).unwrap();
    assert_eq!(
        fixed,
        format!("{manifest}        allowPrivilegeEscalation: false\r\n        readOnlyRootFilesystem: true\r\n")
    );
    let again = run(&dir, &select);
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing to fix"));
}

#[test]
fn suppressed_findings_are_not_fixed() {
    let dir = scratch("fix_suppressed");
    let manifest = DEPLOYMENT.replace(
        "            privileged: true   # was needed for the old agent\n",
        "            # iacguard:ignore K8S-POD-001 the node agent needs it\n            privileged: true\n",
    );
    std::fs::write(dir.join("deploy.yaml"), &manifest).unwrap();
    let output = run(
        &dir,
        &[
            "scan",
            ".",
            "--no-config",
            "--fix",
            "--select",
            "K8S-POD-001",
        ],
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("nothing to fix"));
    assert_eq!(
        std::fs::read_to_string(dir.join("deploy.yaml")).unwrap(),
        manifest
    );
}

//! Custom policies in Guard DSL: rules written for this project run on CloudFormation templates
//! as written and on the model document of Terraform and Kubernetes files, with findings at the
//! exact line, broken rule files reported at their line, and the shipped packs on all formats.

mod common;

use common::*;
use iacguard::policy::guard::GuardFile;
use iacguard::scan::{scan_sources, Options};
use iacguard::source::SourceFile;

/// `path:line:column RULE-ID` of every finding, plus whether it is suppressed.
fn lines(report: &serde_json::Value) -> Vec<String> {
    finding_lines(report)
}

#[test]
fn a_cloudformation_rule_fails_at_the_line_of_the_failing_property() {
    let output = iacguard(&[
        "scan",
        "testdata/guard/cloudformation/volumes.yaml",
        "testdata/guard/cloudformation/good.json",
        "--no-config",
        "--ruleset",
        "testdata/guard/rules/ebs-encrypted.guard",
        "--select",
        "GUARD",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(
        lines(&report),
        [
            // `Encrypted: false`, the value itself.
            "testdata/guard/cloudformation/volumes.yaml:15:18 GUARD-EBS-VOLUME-ENCRYPTED",
            // No `Encrypted` at all: the resource header.
            "testdata/guard/cloudformation/volumes.yaml:16:3 GUARD-EBS-VOLUME-ENCRYPTED",
        ]
    );
    let finding = &report["findings"][0];
    assert_eq!(
        finding["message"],
        "EBS volumes must be encrypted at rest: set Encrypted to true"
    );
    assert_eq!(finding["resource"], "Plain");
    assert_eq!(finding["severity"], "medium");
}

#[test]
fn a_cloudformation_rule_passes_on_a_compliant_template() {
    let output = iacguard(&[
        "scan",
        "testdata/guard/cloudformation/good.json",
        "--no-config",
        "--ruleset",
        "testdata/guard/rules/ebs-encrypted.guard",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(lines(&json(&output)).is_empty());
}

#[test]
fn the_same_policy_against_the_model_catches_terraform_and_kubernetes() {
    let output = iacguard(&[
        "scan",
        "testdata/guard/terraform",
        "testdata/guard/kubernetes",
        "--no-config",
        "--ruleset",
        "testdata/guard/rules/owner.guard",
        "--select",
        "GUARD",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(
        lines(&report),
        [
            // `labels:` without `owner`.
            "testdata/guard/kubernetes/deployments.yaml:20:3 GUARD-KUBERNETES-OWNER-LABEL",
            // `tags = {...}` without `owner`.
            "testdata/guard/terraform/main.tf:14:3 GUARD-TERRAFORM-OWNER-TAG",
            // No `tags` at all: the resource header. The tags from a variable without a
            // default are unknown, and not reported.
            "testdata/guard/terraform/main.tf:19:1 GUARD-TERRAFORM-OWNER-TAG",
        ]
    );
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "Kubernetes objects must carry an `owner` label",
            "Terraform resources must carry an `owner` tag",
            "Terraform resources must carry an `owner` tag",
        ]
    );
}

#[test]
fn a_broken_rule_file_is_an_error_at_its_line_and_the_rest_still_runs() {
    let args = [
        "scan",
        "testdata/guard/cloudformation/volumes.yaml",
        "--no-config",
        "--ruleset",
        "testdata/guard/broken/broken.guard",
        "--ruleset",
        "testdata/guard/rules/ebs-encrypted.guard",
        "--select",
        "GUARD",
    ];
    let output = iacguard(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(output.status.code(), Some(2), "an incomplete scan exits 2");
    let report = json(&output);
    assert_eq!(lines(&report).len(), 2, "the valid rules still ran");
    let notices = report["notices"].as_array().unwrap();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0]["level"], "error");
    assert_eq!(notices[0]["path"], "testdata/guard/broken/broken.guard");
    assert_eq!(notices[0]["location"]["start_line"], 5, "{:?}", notices[0]);
    assert!(notices[0]["message"]
        .as_str()
        .unwrap()
        .contains("Guard syntax error"));

    let text = stdout(&iacguard(&args));
    assert!(
        text.contains("testdata/guard/broken/broken.guard:5:"),
        "a code frame at the rule file's line:\n{text}"
    );
    assert!(text.contains("%volumes.Properties.Size <="), "{text}");
}

#[test]
fn guard_cfn_nag_and_iacguard_suppressions_apply_to_guard_findings() {
    let output = iacguard(&[
        "scan",
        "testdata/guard/cloudformation/suppressed.yaml",
        "--no-config",
        "--ruleset",
        "testdata/guard/rules/ebs-encrypted.guard",
        "--ruleset",
        "testdata/guard/rules/cfn-nag-w37.guard",
        "--select",
        "GUARD",
        "--format",
        "json",
    ]);
    let report = json(&output);
    let found: Vec<(String, bool)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                format!(
                    "{} {}",
                    f["resource"].as_str().unwrap(),
                    f["rule_id"].as_str().unwrap()
                ),
                !f["suppression"].is_null(),
            )
        })
        .collect();
    let expect = |text: &str, suppressed: bool| (text.to_string(), suppressed);
    assert_eq!(
        found,
        [
            // Guard's `Metadata.guard.SuppressedRules` skips only the rule it names.
            expect("Skipped GUARD-CFN-NAG-W37", false),
            // The cfn_nag-style rule reads cfn_nag's own suppression, unchanged.
            expect("NagSkipped GUARD-EBS-VOLUME-ENCRYPTED", false),
            expect("Flagged GUARD-CFN-NAG-W37", false),
            // `# iacguard:ignore GUARD-EBS-VOLUME-ENCRYPTED test volume`.
            expect("Flagged GUARD-EBS-VOLUME-ENCRYPTED", true),
            expect("Flagged2 GUARD-CFN-NAG-W37", false),
            expect("Flagged2 GUARD-EBS-VOLUME-ENCRYPTED", false),
        ]
    );
    let fingerprints: std::collections::BTreeSet<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fingerprints.len(), 6, "stable, distinct fingerprints");
}

#[test]
fn configuration_names_guard_files_and_overrides_their_severity() {
    let dir = scratch("guard-config");
    std::fs::create_dir_all(dir.join("policies")).unwrap();
    std::fs::copy(
        "testdata/guard/rules/ebs-encrypted.guard",
        dir.join("policies/ebs.guard"),
    )
    .unwrap();
    std::fs::copy(
        "testdata/guard/cloudformation/volumes.yaml",
        dir.join("volumes.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.join(".iacguard.toml"),
        "rulesets = [\"policies/ebs.guard\"]\nselect = [\"GUARD\"]\n\n[severity]\n\"GUARD-EBS-VOLUME-ENCRYPTED\" = \"high\"\n",
    )
    .unwrap();
    let dir_text = dir.display().to_string();
    let sarif_path = dir.join("out.sarif").display().to_string();
    let output = iacguard(&[
        "scan",
        &dir_text,
        "--format",
        "json",
        "--format",
        "sarif",
        "--output",
        "/dev/stdout",
        "--output",
        &sarif_path,
    ]);
    let report = json(&output);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2, "{report}");
    assert!(findings.iter().all(|f| f["severity"] == "high"));

    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif_path).unwrap()).unwrap();
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let index = run["results"][0]["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "GUARD-EBS-VOLUME-ENCRYPTED");
    assert_eq!(rules[index]["name"], "ebs_volume_encrypted");

    // A Guard file the configuration names must exist; the error points at it.
    std::fs::write(
        dir.join(".iacguard.toml"),
        "rulesets = [\"policies/nope.guard\"]\n",
    )
    .unwrap();
    let output = iacguard(&["scan", &dir_text]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("nope.guard"));
}

#[test]
fn the_shipped_packs_work_on_all_three_formats() {
    let dir = scratch("guard-packs");
    std::fs::write(
        dir.join(".iacguard.toml"),
        r#"select = ["GUARD"]
[policy]
required_tags = ["owner"]
allowed_regions = ["eu-west-1"]
approved_registries = ["123456789012.dkr.ecr.eu-west-1.amazonaws.com"]
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("template.yaml"),
        r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: us-east-1a
      Size: 10
      Tags:
        - Key: purpose
          Value: data
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-1
      CidrBlock: 10.0.0.0/24
      AvailabilityZone: eu-west-1a
      MapPublicIpOnLaunch: true
      Tags:
        - Key: owner
          Value: network-team
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("main.tf"),
        r#"resource "aws_instance" "web" {
  ami                         = "ami-123"
  instance_type               = "t3.micro"
  availability_zone           = "us-east-1b"
  associate_public_ip_address = true
  tags = {
    owner = "web-team"
  }
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 10
}
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("app.yaml"),
        r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      nodeSelector:
        topology.kubernetes.io/region: us-east-1
      containers:
        - name: web
          image: docker.io/library/nginx:1.27
        - name: agent
          image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/agent:2
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  labels:
    owner: web-team
spec:
  type: LoadBalancer
"#,
    )
    .unwrap();
    let dir_text = dir.display().to_string();
    let output = iacguard(&[
        "scan",
        &dir_text,
        "--ruleset",
        "guard:required-tags",
        "--ruleset",
        "guard:allowed-regions",
        "--ruleset",
        "guard:approved-registries",
        "--ruleset",
        "guard:no-public-ips",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert!(report["notices"].as_array().unwrap().is_empty(), "{report}");
    let found: Vec<String> = lines(&report)
        .into_iter()
        .map(|line| line.rsplit_once('/').unwrap().1.to_string())
        .collect();
    assert_eq!(
        found,
        [
            // Kubernetes: no `owner` label (`metadata` has no labels), a region and a registry that are not allowed, a
            // public load balancer.
            "app.yaml:3:1 GUARD-REQUIRED-LABELS-KUBERNETES",
            "app.yaml:10:40 GUARD-ALLOWED-REGIONS-KUBERNETES",
            "app.yaml:13:18 GUARD-APPROVED-REGISTRIES-KUBERNETES",
            "app.yaml:19:1 GUARD-NO-PUBLIC-IP-KUBERNETES",
            // Terraform: a zone outside the allowed regions, a public IP, no tags.
            "main.tf:4:33 GUARD-ALLOWED-REGIONS-TERRAFORM",
            "main.tf:5:33 GUARD-NO-PUBLIC-IP-TERRAFORM",
            "main.tf:11:1 GUARD-REQUIRED-TAGS-TERRAFORM",
            // CloudFormation: a zone outside the allowed regions, no `owner` tag, a subnet
            // that hands out public IPs.
            "template.yaml:6:25 GUARD-ALLOWED-REGIONS-CLOUDFORMATION",
            "template.yaml:9:16 GUARD-REQUIRED-TAGS-CLOUDFORMATION",
            "template.yaml:17:28 GUARD-NO-PUBLIC-IP-CLOUDFORMATION",
        ]
    );
}

#[test]
fn the_model_command_prints_what_guard_rules_see() {
    let output = iacguard(&["model", "testdata/guard/terraform"]);
    assert_eq!(output.status.code(), Some(0));
    let documents = json(&output);
    let document = &documents["testdata/guard/terraform/main.tf"];
    let volume = &document["Resources"]["aws_ebs_volume.tagged"];
    assert_eq!(volume["Type"], "aws_ebs_volume");
    assert_eq!(volume["Format"], "terraform");
    assert_eq!(volume["Properties"]["tags"]["owner"], "storage-team");
    let unknown = document["Resources"]["aws_ebs_volume.unknown"]["Properties"]["tags"]
        .as_str()
        .unwrap();
    assert!(unknown.starts_with("<unknown: "), "{unknown}");
    assert_eq!(
        document["Iacguard"]["Policy"]["required_tags"],
        serde_json::json!([])
    );

    let output = iacguard(&["model", "testdata/guard/cloudformation/volumes.yaml"]);
    let template = &json(&output)["testdata/guard/cloudformation/volumes.yaml"];
    assert_eq!(
        template["Resources"]["Plain"]["Properties"]["Encrypted"],
        false
    );
}

#[test]
fn a_large_batch_maps_every_failure_to_its_own_file() {
    // Enough documents for several cfn-guard calls, so batch offsets are exercised.
    let count = 400;
    let files: Vec<SourceFile> = (0..count)
        .map(|i| {
            let labels = if i % 2 == 0 { "owner: team" } else { "app: x" };
            SourceFile::new(
                None,
                format!("m/{i:04}.yaml"),
                format!(
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\n  labels:\n    {labels}\n"
                ),
            )
        })
        .collect();
    let options = Options {
        guard: vec![GuardFile::load("testdata/guard/rules/owner.guard").unwrap()],
        guard_select: vec!["GUARD".to_string()],
        rules: Vec::new(),
        ..Options::default()
    };
    let scan = scan_sources(files, Vec::new(), &options);
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    let flagged: Vec<&str> = scan
        .findings
        .iter()
        .map(|f| scan.sources.get(f.span.file).display.as_str())
        .collect();
    let expected: Vec<String> = (0..count)
        .filter(|i| i % 2 == 1)
        .map(|i| format!("m/{i:04}.yaml"))
        .collect();
    assert_eq!(flagged, expected);
    assert!(scan.findings.iter().all(|f| {
        let source = scan.sources.get(f.span.file);
        source.position(f.span.start as usize).line == 5
    }));
}

#[test]
fn a_rule_that_cannot_be_evaluated_is_an_error_on_each_file() {
    let output = iacguard(&[
        "scan",
        "testdata/guard/terraform",
        "testdata/guard/kubernetes",
        "--no-config",
        "--ruleset",
        "testdata/guard/broken/unresolved.guard",
        "--ruleset",
        "testdata/guard/rules/owner.guard",
        "--select",
        "GUARD",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let report = json(&output);
    let paths: Vec<&str> = report["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "testdata/guard/kubernetes/deployments.yaml",
            "testdata/guard/terraform/main.tf"
        ]
    );
}

/// The native evaluator gives byte-for-byte the report cfn-guard's gives, on every Guard input
/// of this repository with every shipped pack and rules file at once.
#[test]
fn the_native_evaluator_reports_exactly_what_cfn_guard_reports() {
    let scan = |engine: &str| {
        let mut args = vec![
            "scan",
            "testdata/guard/cloudformation",
            "testdata/guard/kubernetes",
            "testdata/guard/terraform",
            "testdata/examples",
            "testdata/org",
            "--config",
            "testdata/org/policy.toml",
            "--select",
            "GUARD",
            "--format",
            "json",
            "--guard-engine",
            engine,
        ];
        for rules in [
            "testdata/guard/rules/cfn-nag-w37.guard",
            "testdata/guard/rules/ebs-encrypted.guard",
            "testdata/guard/rules/owner.guard",
            "guard:required-tags",
            "guard:allowed-regions",
            "guard:approved-registries",
            "guard:no-public-ips",
        ] {
            args.extend(["--ruleset", rules]);
        }
        iacguard(&args)
    };
    let native = scan("native");
    let reference = scan("cfn-guard");
    assert_eq!(native.status.code(), reference.status.code());
    if let Some(difference) = first_difference(&stdout(&reference), &stdout(&native)) {
        panic!("the native evaluator differs from cfn-guard (expected), {difference}");
    }
    let findings = json(&native)["findings"].as_array().map_or(0, Vec::len);
    assert!(
        findings > 20,
        "too few Guard findings to compare: {findings}"
    );
    assert!(
        !String::from_utf8_lossy(&native.stderr).contains("evaluated with cfn-guard"),
        "a shipped pack or test rules file fell back to cfn-guard"
    );
}

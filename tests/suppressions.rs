//! Suppressions in every form users write them: our own comments, CloudFormation `Metadata`,
//! Kubernetes annotations, and the directives of the scanners teams migrate from. A suppressed
//! finding is kept and marked; an expired or refused directive says so.

use iacguard::scan::{scan_sources, Options, Scan};
use iacguard::source::SourceFile;
use iacguard::suppress::{Dialect, InlineMode};

fn scan_with(mode: InlineMode, name: &str, text: &str) -> Scan {
    let options = Options {
        inline_suppressions: mode,
        ..Options::default()
    };
    let source = SourceFile::new(None, name.to_string(), text.to_string());
    scan_sources(vec![source], Vec::new(), &options)
}

fn scan(name: &str, text: &str) -> Scan {
    scan_with(InlineMode::Allow, name, text)
}

/// (rule, suppressed by which dialect, justification) for every finding.
fn marks(scan: &Scan) -> Vec<(&'static str, Option<(Dialect, String)>)> {
    scan.findings
        .iter()
        .map(|f| {
            (
                f.rule.id,
                f.suppression
                    .as_ref()
                    .map(|s| (s.dialect, s.justification.clone())),
            )
        })
        .collect()
}

const VOLUME: &str = r#"resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = false
}
"#;

#[test]
fn hcl_comments_on_the_line_above_the_line_and_above_the_resource() {
    let above_line = VOLUME.replace(
        "  encrypted ",
        "  # iacguard:ignore AWS-EBS-001 scratch data, recreated nightly\n  encrypted ",
    );
    assert_eq!(
        marks(&scan("main.tf", &above_line)),
        [(
            "AWS-EBS-001",
            Some((Dialect::Iacguard, "scratch data, recreated nightly".into()))
        )]
    );

    let trailing = VOLUME.replace(
        "= false",
        "= false // iacguard:ignore ebs-volume-unencrypted temp",
    );
    assert_eq!(
        marks(&scan("main.tf", &trailing))[0].1.as_ref().unwrap().1,
        "temp"
    );

    let above_resource = format!("# iacguard:ignore AWS-EBS temporary volume\n{VOLUME}");
    assert!(scan("main.tf", &above_resource).findings[0]
        .suppression
        .is_some());

    // A blank line separates the comment from the resource: it is about something else.
    let detached = format!("# iacguard:ignore AWS-EBS-001 unrelated\n\n{VOLUME}");
    assert_eq!(marks(&scan("main.tf", &detached)), [("AWS-EBS-001", None)]);

    // Another rule's directive suppresses nothing.
    let other = format!("# iacguard:ignore AWS-EKS-001 wrong rule\n{VOLUME}");
    assert_eq!(marks(&scan("main.tf", &other)), [("AWS-EBS-001", None)]);
}

#[test]
fn checkov_and_trivy_directives_are_honoured_through_the_mapping() {
    let checkov = format!("# checkov:skip=CKV_AWS_3:scratch volume\n{VOLUME}");
    assert_eq!(
        marks(&scan("main.tf", &checkov)),
        [(
            "AWS-EBS-001",
            Some((Dialect::Checkov, "scratch volume".into()))
        )]
    );
    let trivy = VOLUME.replace("= false", "= false #trivy:ignore:AVD-AWS-0026");
    assert_eq!(
        marks(&scan("main.tf", &trivy))[0].1.as_ref().unwrap().0,
        Dialect::Trivy
    );
    // A Checkov check we have no equivalent of cannot hide our finding.
    let unmapped = format!("# checkov:skip=CKV_AWS_999:nothing\n{VOLUME}");
    assert_eq!(marks(&scan("main.tf", &unmapped)), [("AWS-EBS-001", None)]);
}

#[test]
fn cloudformation_metadata_and_yaml_comments() {
    let template = r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Scratch:
    Type: AWS::EC2::Volume
    Metadata:
      cfn_nag:
        rules_to_suppress:
          - id: F1
            reason: scratch space
    Properties:
      AvailabilityZone: eu-west-1a
      Size: 10
      Encrypted: false
  Other:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: eu-west-1a
      Size: 10
      # iacguard:ignore AWS-EBS-001 until=2099-12-31 migrating in Q3
      Encrypted: false
  Third:
    Type: AWS::EC2::Volume
    Metadata:
      iacguard:
        ignore:
          - rule: AWS-EBS-001
            reason: cache
    Properties:
      AvailabilityZone: eu-west-1a
      Encrypted: false
"#;
    let scan = scan("template.yaml", template);
    assert_eq!(
        marks(&scan),
        [
            (
                "AWS-EBS-001",
                Some((Dialect::CfnNag, "scratch space".into()))
            ),
            (
                "AWS-EBS-001",
                Some((Dialect::Iacguard, "migrating in Q3".into()))
            ),
            ("AWS-EBS-001", Some((Dialect::Iacguard, "cache".into()))),
        ]
    );
}

#[test]
fn kubernetes_annotations_and_kube_linter() {
    let manifest = r#"apiVersion: v1
kind: Pod
metadata:
  name: agent
  annotations:
    ignore.iacguard.io/K8S-POD-001: node agent needs the host devices
spec:
  containers:
    - name: agent
      image: registry.example.com/agent:1.0
      securityContext:
        privileged: true
---
apiVersion: v1
kind: Pod
metadata:
  name: legacy
  annotations:
    ignore-check.kube-linter.io/privileged-container: vendor requirement
spec:
  containers:
    - name: legacy
      image: registry.example.com/legacy:1.0
      securityContext:
        privileged: true
"#;
    let scan = scan("pods.yaml", manifest);
    let privileged: Vec<_> = marks(&scan)
        .into_iter()
        .filter(|(rule, _)| *rule == "K8S-POD-001")
        .collect();
    assert_eq!(
        privileged,
        [
            (
                "K8S-POD-001",
                Some((
                    Dialect::Iacguard,
                    "node agent needs the host devices".into()
                ))
            ),
            (
                "K8S-POD-001",
                Some((Dialect::KubeLinter, "vendor requirement".into()))
            ),
        ]
    );
}

#[test]
fn an_expired_suppression_stops_applying_and_says_so() {
    let expired = format!("# iacguard:ignore AWS-EBS-001 until=2020-01-31 temporary\n{VOLUME}");
    let scan = scan("main.tf", &expired);
    assert_eq!(marks(&scan), [("AWS-EBS-001", None)]);
    assert!(
        scan.notices
            .iter()
            .any(|n| n.message.contains("expired on 2020-01-31")),
        "{:?}",
        scan.notices
    );
    assert!(
        !scan.incomplete(),
        "an expired suppression is a warning, not a failed scan"
    );
}

#[test]
fn the_configuration_can_require_reasons_or_refuse_inline_suppressions() {
    let without_reason = format!("# iacguard:ignore AWS-EBS-001\n{VOLUME}");
    assert!(scan("main.tf", &without_reason).findings[0]
        .suppression
        .is_some());
    let required = scan_with(InlineMode::RequireReason, "main.tf", &without_reason);
    assert_eq!(marks(&required), [("AWS-EBS-001", None)]);
    assert!(required
        .notices
        .iter()
        .any(|n| n.message.contains("needs a reason")));

    let with_reason = format!("# iacguard:ignore AWS-EBS-001 scratch\n{VOLUME}");
    assert!(
        scan_with(InlineMode::RequireReason, "main.tf", &with_reason).findings[0]
            .suppression
            .is_some()
    );
    let denied = scan_with(InlineMode::Deny, "main.tf", &with_reason);
    assert_eq!(marks(&denied), [("AWS-EBS-001", None)]);
    assert!(denied
        .notices
        .iter()
        .any(|n| n.message.contains("disabled")));
}

#[test]
fn a_suppression_on_a_module_block_covers_what_the_call_creates() {
    let module = "variable \"encrypt\" {\n  default = false\n}\n\nresource \"aws_ebs_volume\" \"data\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 10\n  encrypted         = var.encrypt\n}\n";
    let root = "# iacguard:ignore AWS-EBS-001 scratch volumes for CI runners\nmodule \"scratch\" {\n  source = \"./modules/volume\"\n}\n\nmodule \"data\" {\n  source = \"./modules/volume\"\n}\n";
    let options = Options::default();
    let sources = vec![
        SourceFile::new(None, "main.tf".to_string(), root.to_string()),
        SourceFile::new(
            None,
            "modules/volume/main.tf".to_string(),
            module.to_string(),
        ),
    ];
    let scan = scan_sources(sources, Vec::new(), &options);
    let by_address: Vec<(&str, bool)> = scan
        .findings
        .iter()
        .map(|f| (f.address.as_str(), f.suppression.is_some()))
        .collect();
    assert_eq!(
        by_address,
        [
            ("module.data.aws_ebs_volume.data", false),
            ("module.scratch.aws_ebs_volume.data", true),
        ]
    );
}

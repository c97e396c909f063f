//! Terraform plan JSON and `.tf.json` configuration: findings by rule and `file:line`.

use std::path::PathBuf;

use iacguard::notice::NoticeLevel;
use iacguard::scan::{scan_paths, scan_sources, Options, Scan};
use iacguard::source::SourceFile;

fn testdata(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/terraform")
        .join(path)
}

/// The cases are about where plan findings point; the EKS rules about what surrounds a cluster
/// (AWS-EKS-006 to 016) have their own stacks in tests/eks_catalogue.rs.
fn options() -> Options {
    Options {
        rules: iacguard::rules::ALL
            .iter()
            .copied()
            .filter(|rule| !("AWS-EKS-006"..="AWS-EKS-016").contains(&rule.meta().id))
            .collect(),
        ..Options::default()
    }
}

fn scan_dir(path: &str) -> Scan {
    scan_paths(&[testdata(path)], &options())
}

fn scan_text(name: &str, text: &str) -> Scan {
    let file = SourceFile::new(None, name.to_string(), text.to_string());
    scan_sources(vec![file], Vec::new(), &options())
}

/// `RULE path:line address`, sorted; paths relative to testdata/terraform.
fn findings(scan: &Scan) -> Vec<String> {
    let mut out: Vec<String> = scan
        .findings
        .iter()
        .map(|f| {
            let file = scan.sources.get(f.span.file);
            let path = file
                .display
                .split_once("testdata/terraform/")
                .map_or(file.display.as_str(), |(_, p)| p);
            let line = file.position(f.span.start as usize).line;
            format!("{} {path}:{line} {}", f.rule.id, f.address)
        })
        .collect();
    out.sort();
    out
}

fn plan_text() -> String {
    std::fs::read_to_string(testdata("plan/plan.json")).unwrap()
}

#[test]
fn plan_findings_point_at_the_plan_lines() {
    let scan = scan_dir("plan");
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    assert_eq!(scan.files_scanned, 1);
    // data and logs volumes, the cluster and its key; not the deleted volume.
    assert_eq!(scan.resources, 4);
    assert_eq!(
        findings(&scan),
        [
            "AWS-EBS-001 plan/plan.json:185 aws_ebs_volume.data",
            "AWS-EKS-002 plan/plan.json:351 module.eks.aws_eks_cluster.this[0]",
            "AWS-EKS-003 plan/plan.json:353 module.eks.aws_eks_cluster.this[0]",
        ]
    );
}

#[test]
fn after_unknown_values_are_unknown_not_missing() {
    // The cluster's KMS key ARN is only known after apply: a key is configured, so
    // AWS-EKS-001 stays quiet. Without the mark the ARN is simply absent, and it fires.
    let text = plan_text();
    let marked = scan_text("plan.json", &text);
    assert!(!findings(&marked)
        .iter()
        .any(|f| f.starts_with("AWS-EKS-001")));
    let unmarked = text.replace("\"key_arn\": true", "\"key_arn\": false");
    assert_ne!(unmarked, text);
    let scan = scan_text("plan.json", &unmarked);
    assert!(
        findings(&scan).iter().any(|f| f.starts_with("AWS-EKS-001")),
        "{:?}",
        findings(&scan)
    );
}

#[test]
fn minified_plans_scan_the_same() {
    let value: serde_json::Value = serde_json::from_str(&plan_text()).unwrap();
    let scan = scan_text("plan.json", &serde_json::to_string(&value).unwrap());
    assert_eq!(
        findings(&scan),
        [
            "AWS-EBS-001 plan.json:1 aws_ebs_volume.data",
            "AWS-EKS-002 plan.json:1 module.eks.aws_eks_cluster.this[0]",
            "AWS-EKS-003 plan.json:1 module.eks.aws_eks_cluster.this[0]",
        ]
    );
}

#[test]
fn plan_with_its_configuration_points_at_the_tf_lines_once() {
    let scan = scan_dir("plan-config");
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    // The plan knows `encrypt_data = false` and the public CIDRs from a .tfvars file the
    // configuration alone cannot see; each finding is reported once, at the line to edit.
    assert_eq!(
        findings(&scan),
        [
            "AWS-EBS-001 plan-config/main.tf:23 aws_ebs_volume.data",
            "AWS-EBS-001 plan-config/main.tf:26 aws_ebs_volume.logs",
            "AWS-EKS-002 plan-config/modules/eks/main.tf:23 module.eks.aws_eks_cluster.this[0]",
            "AWS-EKS-003 plan-config/modules/eks/main.tf:26 module.eks.aws_eks_cluster.this[0]",
        ]
    );
    // Four HCL resources (two volumes, the cluster, its key) replaced by their four planned
    // instances.
    assert_eq!(scan.resources, 4);
    // Values the configuration does not show point back at the plan.
    for finding in &scan.findings {
        let related: Vec<String> = finding
            .related
            .iter()
            .map(|r| {
                let file = scan.sources.get(r.span.file);
                let line = file.position(r.span.start as usize).line;
                format!(
                    "{} {}:{line}",
                    r.message,
                    file.display.rsplit('/').next().unwrap()
                )
            })
            .collect();
        assert_eq!(related.len(), 1, "{related:?}");
        assert!(related[0].starts_with("the plan gives this value plan.json:"));
    }
}

#[test]
fn state_json_is_read_like_a_plan() {
    let text = r#"{
  "format_version": "1.0",
  "terraform_version": "1.9.5",
  "values": {
    "root_module": {
      "resources": [
        {
          "address": "aws_ebs_volume.a",
          "mode": "managed",
          "type": "aws_ebs_volume",
          "name": "a",
          "values": {
            "encrypted": false,
            "size": 10
          }
        },
        {
          "address": "data.aws_ebs_volume.b",
          "mode": "data",
          "type": "aws_ebs_volume",
          "name": "b",
          "values": {
            "encrypted": false
          }
        }
      ]
    }
  }
}
"#;
    let scan = scan_text("terraform.tfstate.json", text);
    assert_eq!(
        findings(&scan),
        ["AWS-EBS-001 terraform.tfstate.json:13 aws_ebs_volume.a"]
    );
}

#[test]
fn a_broken_plan_is_an_error() {
    let text = plan_text();
    let scan = scan_text("plan.json", &text[..text.len() / 2]);
    assert!(
        scan.notices
            .iter()
            .any(|n| n.level == NoticeLevel::Error && n.message.contains("JSON")),
        "{:?}",
        scan.notices
    );
}

#[test]
fn tf_json_files_are_terraform_configuration() {
    let scan = scan_dir("json-module");
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    // main.tf.json and variables.tf form one module; terraform.tfvars.json is not a document.
    assert_eq!(scan.files_scanned, 2);
    assert_eq!(
        findings(&scan),
        [
            // `"${var.encrypt}"` resolved through variables.tf.
            "AWS-EBS-001 json-module/main.tf.json:11 aws_ebs_volume.data",
            // Not set: reported at the resource's name.
            "AWS-EBS-001 json-module/main.tf.json:18 aws_ebs_volume.scratch",
            "AWS-EKS-002 json-module/main.tf.json:30 aws_eks_cluster.main",
        ]
    );
    let related: Vec<&str> = scan
        .findings
        .iter()
        .flat_map(|f| &f.related)
        .map(|r| r.message.as_str())
        .collect();
    // terraform.tfvars.json beside it sets the root variable (to the same value as its default).
    assert!(
        related.contains(&"the value comes from variable `encrypt` set in terraform.tfvars.json")
    );
    assert!(related.contains(&"the value comes from local value `public`"));
}

#[test]
fn tf_json_and_a_plan_of_it_report_once_at_the_json_lines() {
    let config = r#"{
  "resource": {
    "aws_ebs_volume": {
      "data": {
        "size": 10,
        "encrypted": "${var.encrypt}"
      }
    }
  }
}
"#;
    let plan = r#"{
  "format_version": "1.2",
  "terraform_version": "1.9.5",
  "resource_changes": [
    {
      "address": "aws_ebs_volume.data",
      "mode": "managed",
      "type": "aws_ebs_volume",
      "name": "data",
      "change": {
        "actions": ["create"],
        "before": null,
        "after": {"size": 10, "encrypted": false},
        "after_unknown": {"id": true}
      }
    }
  ]
}
"#;
    let files = vec![
        SourceFile::new(None, "live/main.tf.json".into(), config.into()),
        SourceFile::new(None, "live/plan.json".into(), plan.into()),
    ];
    let scan = scan_sources(files, Vec::new(), &options());
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    assert_eq!(
        findings(&scan),
        ["AWS-EBS-001 live/main.tf.json:6 aws_ebs_volume.data"]
    );
}

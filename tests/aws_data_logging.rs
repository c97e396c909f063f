//! The services around an EKS cluster — EBS encryption by default, launch templates, RDS,
//! CloudTrail, GuardDuty, Security Hub, S3 — in CloudFormation (YAML, JSON) and Terraform
//! (HCL, `.tf.json`, plan JSON): each case of `testdata/aws-data` gives exactly its findings,
//! as `path:line RULE`. Each case is scanned on its own, as a repository would be: settings
//! such as an account-level public access block or a standards subscription cover the whole
//! scan.

use std::path::PathBuf;

use iacguard::scan::{scan_paths, Options, Scan};

fn scan(case: &str) -> Scan {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/aws-data")
        .join(case);
    scan_paths(&[path], &Options::default())
}

/// `path:line RULE`, paths relative to testdata/aws-data, in report order; only the rules
/// of this part of the catalogue.
fn findings(case: &str) -> Vec<String> {
    let scan = scan(case);
    assert!(scan.notices.is_empty(), "{case}: {:?}", scan.notices);
    assert!(scan.files_scanned > 0, "{case}: nothing scanned");
    scan.findings
        .iter()
        .filter(|f| {
            [
                "AWS-CT", "AWS-EBS", "AWS-EC2", "AWS-GD", "AWS-RDS", "AWS-S3", "AWS-SH",
            ]
            .iter()
            .any(|prefix| f.rule.id.starts_with(prefix))
        })
        .map(|f| {
            let file = scan.sources.get(f.span.file);
            let path = file
                .display
                .split_once("testdata/aws-data/")
                .map_or(file.display.as_str(), |(_, p)| p);
            let line = file.position(f.span.start as usize).line;
            format!("{path}:{line} {}", f.rule.id)
        })
        .collect()
}

#[test]
fn terraform_ebs_and_launch_templates() {
    assert_eq!(
        findings("terraform/ebs-ec2-insecure"),
        [
            "terraform/ebs-ec2-insecure/main.tf:2 AWS-EBS-002",
            "terraform/ebs-ec2-insecure/main.tf:9 AWS-EC2-001",
            "terraform/ebs-ec2-insecure/main.tf:21 AWS-EC2-001",
            "terraform/ebs-ec2-insecure/main.tf:27 AWS-EC2-002",
            "terraform/ebs-ec2-insecure/main.tf:33 AWS-EC2-002",
        ]
    );
    assert_eq!(findings("terraform/ebs-ec2-secure"), Vec::<String>::new());
}

#[test]
fn terraform_rds_with_parameter_groups() {
    assert_eq!(
        findings("terraform/rds-insecure"),
        [
            "terraform/rds-insecure/main.tf:11 AWS-RDS-001",
            "terraform/rds-insecure/main.tf:11 AWS-RDS-004",
            "terraform/rds-insecure/main.tf:17 AWS-RDS-002",
            "terraform/rds-insecure/main.tf:18 AWS-RDS-005",
            // The instance's parameter group, followed to its `rds.force_ssl = "0"`.
            "terraform/rds-insecure/main.tf:19 AWS-RDS-003",
            // MySQL 8.0 on the default parameter group.
            "terraform/rds-insecure/main.tf:23 AWS-RDS-003",
            "terraform/rds-insecure/main.tf:29 AWS-RDS-001",
            "terraform/rds-insecure/main.tf:30 AWS-RDS-004",
            "terraform/rds-insecure/main.tf:31 AWS-RDS-005",
            "terraform/rds-insecure/main.tf:44 AWS-RDS-001",
            "terraform/rds-insecure/main.tf:44 AWS-RDS-004",
            "terraform/rds-insecure/main.tf:44 AWS-RDS-005",
            // An Aurora MySQL cluster parameter group without `require_secure_transport`.
            "terraform/rds-insecure/main.tf:47 AWS-RDS-003",
        ]
    );
    assert_eq!(findings("terraform/rds-secure"), Vec::<String>::new());
}

#[test]
fn terraform_cloudtrail_guardduty_security_hub() {
    assert_eq!(
        findings("terraform/logging-insecure"),
        [
            "terraform/logging-insecure/main.tf:1 AWS-CT-001",
            "terraform/logging-insecure/main.tf:1 AWS-CT-002",
            "terraform/logging-insecure/main.tf:1 AWS-CT-003",
            "terraform/logging-insecure/main.tf:12 AWS-GD-002",
            "terraform/logging-insecure/main.tf:20 AWS-GD-001",
            // The separate feature resource of the suspended detector.
            "terraform/logging-insecure/main.tf:26 AWS-GD-002",
            "terraform/logging-insecure/main.tf:30 AWS-SH-001",
        ]
    );
    // The detector's `datasources` turns EKS audit logs off, its feature resource on.
    assert_eq!(findings("terraform/logging-secure"), Vec::<String>::new());
}

#[test]
fn terraform_s3_bucket_and_its_separate_resources() {
    assert_eq!(
        findings("terraform/s3-insecure"),
        [
            // The bucket's policy resource allows log delivery but does not deny plain HTTP.
            "terraform/s3-insecure/main.tf:3 AWS-S3-002",
            // The separate public access block: one switch left out, one false.
            "terraform/s3-insecure/main.tf:7 AWS-S3-001",
            "terraform/s3-insecure/main.tf:11 AWS-S3-001",
            // No policy at all.
            "terraform/s3-insecure/main.tf:29 AWS-S3-002",
        ]
    );
    assert_eq!(findings("terraform/s3-secure"), Vec::<String>::new());
    assert_eq!(
        findings("terraform/s3-json"),
        ["terraform/s3-json/main.tf.json:10 AWS-S3-001"]
    );
}

#[test]
fn terraform_plan_values_and_links_by_bucket_name() {
    assert_eq!(
        findings("plan"),
        [
            // `encrypted` is `""` in a plan when unset: the volume is unencrypted.
            "plan/plan.json:14 AWS-EC2-001",
            "plan/plan.json:21 AWS-EC2-002",
            // The public access block names the bucket by its planned name.
            "plan/plan.json:50 AWS-S3-001",
            "plan/plan.json:93 AWS-RDS-001",
        ]
    );
}

#[test]
fn unknown_values_and_untraceable_references_raise_nothing() {
    assert_eq!(findings("terraform/unknown"), Vec::<String>::new());
}

#[test]
fn cloudformation_yaml() {
    assert_eq!(
        findings("cloudformation/insecure.yaml"),
        [
            "cloudformation/insecure.yaml:9 AWS-EC2-001",
            "cloudformation/insecure.yaml:13 AWS-EC2-002",
            "cloudformation/insecure.yaml:15 AWS-RDS-001",
            "cloudformation/insecure.yaml:15 AWS-RDS-004",
            "cloudformation/insecure.yaml:22 AWS-RDS-002",
            "cloudformation/insecure.yaml:23 AWS-RDS-005",
            // `DBParameterGroupName: !Ref DatabaseParams`, which sets the parameter to 0.
            "cloudformation/insecure.yaml:24 AWS-RDS-003",
            "cloudformation/insecure.yaml:32 AWS-CT-002",
            "cloudformation/insecure.yaml:32 AWS-CT-003",
            "cloudformation/insecure.yaml:37 AWS-CT-001",
            "cloudformation/insecure.yaml:44 AWS-GD-002",
            "cloudformation/insecure.yaml:48 AWS-SH-001",
            // The bucket's `AWS::S3::BucketPolicy` does not deny plain HTTP.
            "cloudformation/insecure.yaml:49 AWS-S3-002",
            "cloudformation/insecure.yaml:52 AWS-S3-001",
        ]
    );
    assert_eq!(findings("cloudformation/secure.yaml"), Vec::<String>::new());
}

#[test]
fn cloudformation_json() {
    assert_eq!(
        findings("cloudformation/insecure.json"),
        [
            "cloudformation/insecure.json:8 AWS-RDS-001",
            "cloudformation/insecure.json:9 AWS-RDS-002",
            "cloudformation/insecure.json:10 AWS-RDS-005",
            // `default.aurora-mysql8.0`: the engine's default group.
            "cloudformation/insecure.json:12 AWS-RDS-003",
            "cloudformation/insecure.json:18 AWS-GD-001",
            "cloudformation/insecure.json:25 AWS-GD-002",
            "cloudformation/insecure.json:28 AWS-CT-002",
            "cloudformation/insecure.json:33 AWS-S3-002",
            "cloudformation/insecure.json:38 AWS-S3-001",
        ]
    );
    assert_eq!(findings("cloudformation/secure.json"), Vec::<String>::new());
}

#[test]
fn a_public_access_block_finding_names_its_setting() {
    let scan = scan("terraform/s3-insecure");
    let messages: Vec<&str> = scan
        .findings
        .iter()
        .filter(|f| f.rule.id == "AWS-S3-001")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "S3 Block Public Access is not fully on for the bucket: `restrict_public_buckets` is not set and defaults to false",
            "S3 Block Public Access is not fully on for the bucket: `block_public_policy` is false",
        ]
    );
}

#[test]
fn terraform_module_instances_link_within_themselves() {
    assert_eq!(
        findings("terraform/s3-module"),
        [
            "terraform/s3-module/modules/bucket/main.tf:9 AWS-S3-002",
            "terraform/s3-module/modules/bucket/main.tf:17 AWS-S3-001",
        ]
    );
    // Both findings are the `logs` instance's; `data` has its policy and all four switches.
    let scan = scan("terraform/s3-module");
    let addresses: Vec<&str> = scan.findings.iter().map(|f| f.address.as_str()).collect();
    assert_eq!(
        addresses,
        [
            "module.logs.aws_s3_bucket.this",
            "module.logs.aws_s3_bucket_public_access_block.this",
        ]
    );
}

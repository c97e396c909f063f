//! AWS resources around the cluster (load balancers and their listeners, WAF and Shield,
//! ECR, security groups, IAM policies, KMS keys), each case of `testdata/aws/` scanned on its
//! own: exactly these findings, at these lines, in CloudFormation YAML and JSON, Terraform HCL,
//! `.tf.json` and plan JSON. The secure twins and the cases with values that cannot be known
//! raise nothing.

use std::path::PathBuf;

use iacguard::rules;
use iacguard::scan::{scan_paths, Options, Scan};

const ROOT: &str = "testdata/aws";

fn scan_case(case: &str) -> Scan {
    let options = Options {
        rules: rules::ALL.to_vec(),
        ..Options::default()
    };
    let scan = scan_paths(&[PathBuf::from(format!("{ROOT}/{case}"))], &options);
    assert!(scan.notices.is_empty(), "{case}: {:?}", scan.notices);
    scan
}

/// `file:line RULE-ID`, the file relative to the case directory.
fn lines(scan: &Scan, case: &str) -> Vec<String> {
    let prefix = format!("{ROOT}/{case}/");
    scan.findings
        .iter()
        .map(|f| {
            let file = scan.sources.get(f.span.file);
            let line = file.position(f.span.start as usize).line;
            let path = file.display.strip_prefix(&prefix).unwrap_or(&file.display);
            format!("{path}:{line} {}", f.rule.id)
        })
        .collect()
}

fn check(case: &str, expected: &[&str]) -> Scan {
    let scan = scan_case(case);
    assert_eq!(lines(&scan, case), expected, "{case}");
    scan
}

/// The text a finding underlines.
fn underlined(scan: &Scan, index: usize) -> &str {
    let finding = &scan.findings[index];
    scan.sources.get(finding.span.file).slice(finding.span)
}

#[test]
fn listeners_without_tls_or_with_old_policies() {
    let scan = check(
        "elb-insecure",
        &[
            "main.tf:2 AWS-SHIELD-001",
            "main.tf:2 AWS-WAF-001",
            "main.tf:18 AWS-ELB-001",
            "main.tf:26 AWS-ELB-001",
            "main.tf:39 AWS-ELB-002",
            "main.tf:58 AWS-ELB-002",
            "main.tf:69 AWS-ELB-003",
            "template.json:10 AWS-ELB-002",
            "template.json:21 AWS-ELB-001",
            "template.yaml:14 AWS-ELB-001",
            "template.yaml:19 AWS-ELB-002",
        ],
    );
    // Terraform's default protocol is only known because the load balancer is in the scan.
    assert!(scan.findings[3].message.contains("defaults to HTTP"));
    // The API's default policy, reported at the listener.
    assert!(scan.findings[4]
        .message
        .contains("defaults to `ELBSecurityPolicy-2016-08`"));
    // A policy from a variable default points at the variable.
    assert_eq!(underlined(&scan, 5), "var.tls_policy");
    assert_eq!(
        scan.findings[5].related[0].message,
        "the value comes from the default of variable `tls_policy`"
    );
}

#[test]
fn redirects_tls12_policies_and_unknown_protocols_are_fine() {
    check("elb-secure", &[]);
}

#[test]
fn an_alb_without_a_web_acl_association_is_reported() {
    check(
        "waf-missing",
        &[
            "main.tf:2 AWS-SHIELD-001",
            "main.tf:2 AWS-WAF-001",
            "main.tf:7 AWS-SHIELD-001",
            "template.yaml:3 AWS-SHIELD-001",
            "template.yaml:3 AWS-WAF-001",
        ],
    );
}

#[test]
fn associations_by_reference_instance_local_getatt_and_arn_protect_their_alb() {
    check("waf-present", &[]);
}

#[test]
fn an_association_that_cannot_be_followed_may_protect_any_alb() {
    check("waf-unresolved", &[]);
}

#[test]
fn ecr_scanning_mutability_encryption_and_public_policies() {
    let scan = check(
        "ecr-insecure",
        &[
            "main.tf:2 AWS-ECR-001",
            "main.tf:2 AWS-ECR-002",
            "main.tf:2 AWS-ECR-003",
            "main.tf:8 AWS-ECR-002",
            "main.tf:10 AWS-ECR-001",
            "main.tf:31 AWS-ECR-004",
            "main.tf:46 AWS-ECR-004",
            "template.json:3 AWS-ECR-001",
            "template.json:3 AWS-ECR-002",
            "template.json:3 AWS-ECR-003",
            "template.json:7 AWS-ECR-004",
            "template.yaml:7 AWS-ECR-002",
            "template.yaml:9 AWS-ECR-001",
            "template.yaml:11 AWS-ECR-003",
            "template.yaml:17 AWS-ECR-004",
        ],
    );
    // In a YAML template the finding underlines the star itself.
    assert_eq!(underlined(&scan, 14), "\"*\"");
}

#[test]
fn ecr_registry_scanning_conditions_and_unknowns_are_fine() {
    check("ecr-secure", &[]);
}

#[test]
fn security_groups_open_to_the_internet() {
    let scan = check(
        "sg-insecure",
        &[
            "main.tf:11 AWS-SG-001",
            "main.tf:19 AWS-SG-001",
            "main.tf:41 AWS-SG-001",
            "main.tf:41 AWS-SG-002",
            "main.tf:49 AWS-SG-001",
            "main.tf:49 AWS-SG-002",
            "template.json:6 AWS-SG-001",
            "template.json:6 AWS-SG-002",
            "template.yaml:12 AWS-SG-001",
            "template.yaml:14 AWS-SG-001",
            "template.yaml:14 AWS-SG-002",
            "template.yaml:22 AWS-SG-001",
        ],
    );
    // The open range of a list is underlined, not the private one next to it.
    assert_eq!(underlined(&scan, 0), "\"0.0.0.0/0\"");
    assert_eq!(
        scan.findings[1].message,
        "the security group opens RDP (3389) to the internet (`::/0`)"
    );
}

#[test]
fn private_sources_egress_and_unknown_ports_are_fine() {
    check("sg-secure", &[]);
}

#[test]
fn iam_wildcards_and_not_action_in_every_form() {
    check(
        "iam-insecure",
        &[
            "main.tf:4 AWS-IAM-001",
            "main.tf:17 AWS-IAM-002",
            "main.tf:34 AWS-IAM-001",
            "main.tf:49 AWS-IAM-001",
            "template.json:9 AWS-IAM-001",
            "template.yaml:10 AWS-IAM-001",
            "template.yaml:27 AWS-IAM-002",
        ],
    );
}

#[test]
fn scoped_denied_and_unreadable_policies_are_fine() {
    check("iam-secure", &[]);
}

#[test]
fn kms_keys_without_rotation() {
    let scan = check(
        "kms-insecure",
        &[
            "main.tf:1 AWS-KMS-001",
            "main.tf:11 AWS-KMS-001",
            "template.yaml:3 AWS-KMS-001",
            "template.yaml:11 AWS-KMS-001",
        ],
    );
    assert!(scan.findings[0]
        .message
        .contains("not set and defaults to false"));
}

#[test]
fn rotating_asymmetric_imported_and_unknown_keys_are_fine() {
    check("kms-secure", &[]);
}

#[test]
fn terraform_json_references_resolve_like_hcl() {
    check(
        "tf-json",
        &[
            "main.tf.json:5 AWS-WAF-001",
            "main.tf.json:18 AWS-ELB-001",
            "main.tf.json:28 AWS-SG-001",
            "main.tf.json:36 AWS-ECR-001",
        ],
    );
}

#[test]
fn plan_values_known_only_after_apply_are_not_followed() {
    // The association's `resource_arn` is in `after_unknown`: it may name the ALB, so no
    // AWS-WAF-001; the Shield protection is missing altogether.
    check(
        "plan",
        &[
            "plan.json:8 AWS-SHIELD-001",
            "plan.json:26 AWS-KMS-001",
            "plan.json:33 AWS-SG-001",
        ],
    );
}

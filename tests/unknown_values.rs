//! Unknown is not insecure: values that cannot be known before deployment never produce a
//! finding by themselves, while the same settings with known bad values do.

use iacguard::rules;
use iacguard::scan::{scan_sources, Options, Scan};
use iacguard::source::SourceFile;

fn scan(files: &[(&str, &str)]) -> Scan {
    let options = Options {
        // The EKS rules about what surrounds a cluster (AWS-EKS-006 to 016) have their own
        // stacks, unknown values included, in tests/eks_catalogue.rs.
        rules: rules::ALL
            .iter()
            .copied()
            .filter(|rule| !("AWS-EKS-006"..="AWS-EKS-016").contains(&rule.meta().id))
            .collect(),
        ..Options::default()
    };
    let sources = files
        .iter()
        .map(|(name, text)| SourceFile::new(None, name.to_string(), text.to_string()))
        .collect();
    scan_sources(sources, Vec::new(), &options)
}

fn rule_ids(scan: &Scan) -> Vec<&'static str> {
    scan.findings.iter().map(|f| f.rule.id).collect()
}

/// Parsed without notices and raising no finding at all.
fn assert_clean(scan: &Scan) {
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    assert!(scan.findings.is_empty(), "{:?}", rule_ids(scan));
}

const TERRAFORM_UNKNOWN: &str = r#"
variable "public" { type = bool }
variable "encrypt" {}
variable "cidrs" { type = list(string) }
locals {
  loop_a = local.loop_b
  loop_b = local.loop_a
}
resource "aws_kms_key" "k" { enable_key_rotation = true }
resource "aws_eks_cluster" "c" {
  name     = "c"
  role_arn = data.aws_iam_role.eks.arn
  enabled_cluster_log_types = var.cidrs
  vpc_config {
    subnet_ids             = ["s"]
    endpoint_public_access = var.public
    public_access_cidrs    = ["10.0.0.0/8", var.cidrs[0]]
  }
  encryption_config {
    resources = ["secrets"]
    provider { key_arn = aws_kms_key.k.arn }
  }
}
resource "aws_ebs_volume" "a" {
  size      = 1
  encrypted = var.encrypt
}
resource "aws_ebs_volume" "b" {
  size      = 1
  encrypted = local.loop_a
}
resource "aws_ebs_volume" "c" {
  size      = 1
  encrypted = lookup(var.settings, "encrypted", false)
}
"#;

#[test]
fn terraform_unknowns_raise_nothing() {
    let result = scan(&[("m/main.tf", TERRAFORM_UNKNOWN)]);
    assert_clean(&result);
}

#[test]
fn the_same_module_with_known_values_is_flagged() {
    let known = TERRAFORM_UNKNOWN
        .replace(
            "variable \"public\" { type = bool }",
            "variable \"public\" { default = true }",
        )
        .replace(
            "variable \"encrypt\" {}",
            "variable \"encrypt\" { default = false }",
        );
    let result = scan(&[("m/main.tf", &known)]);
    assert_eq!(rule_ids(&result), vec!["AWS-EKS-002", "AWS-EBS-001"]);
}

#[test]
fn variables_declared_in_another_file_of_the_module_are_used() {
    let result = scan(&[
        (
            "m/main.tf",
            "resource \"aws_ebs_volume\" \"v\" {\n  encrypted = var.on\n}\n",
        ),
        (
            "m/variables.tf",
            "variable \"on\" {\n  default = false\n}\n",
        ),
        (
            "other/main.tf",
            "resource \"aws_ebs_volume\" \"w\" {\n  encrypted = var.on\n}\n",
        ),
    ]);
    // `other/` is another module: its `var.on` is undeclared there, so unknown.
    assert_eq!(rule_ids(&result), vec!["AWS-EBS-001"]);
    assert_eq!(result.findings[0].address, "aws_ebs_volume.v");
    assert_eq!(result.findings[0].related.len(), 1);
}

#[test]
fn cloudformation_unknowns_raise_nothing() {
    let template = r#"
Parameters:
  Public:
    Type: String
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties: {EnableKeyRotation: true}
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: !ImportValue shared-eks-role
      ResourcesVpcConfig:
        SubnetIds: [a]
        EndpointPublicAccess: !Ref Public
      EncryptionConfig:
        - Resources: [secrets]
          Provider:
            KeyArn: !GetAtt Key.Arn
      Logging:
        ClusterLogging:
          EnabledTypes: !If [IsProd, [{Type: audit}], []]
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      Size: 1
      Encrypted: {"Fn::ImportValue": "encryption-setting"}
"#;
    let result = scan(&[("t.yaml", template)]);
    assert_clean(&result);
}

#[test]
fn no_value_removes_a_property_so_the_default_applies() {
    let template = "Resources:\n  V:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1\n      Encrypted: !Ref AWS::NoValue\n";
    let result = scan(&[("t.yaml", template)]);
    assert_eq!(rule_ids(&result), vec!["AWS-EBS-001"]);
    assert!(result.findings[0].message.contains("not set"));
}

//! Organisation policies (`ORG-*`) end to end: a configuration file sets allowed regions and
//! locations, required tags and labels, and denies public IPs; `testdata/org` gives exactly
//! the findings noted on its lines, and nothing without the configuration.

mod common;

use common::*;

/// `file:line RULE` per finding, paths relative to testdata/org/.
fn lines(report: &serde_json::Value) -> Vec<String> {
    path_line_rule(report, "testdata/org/")
}

#[test]
fn the_configured_policy_gives_the_expected_findings() {
    let output = iacguard(&[
        "scan",
        "testdata/org",
        "--config",
        "testdata/org/policy.toml",
        "--select",
        "ORG",
        "--format",
        "json",
    ]);
    let report = json(&output);
    assert!(report["notices"].as_array().unwrap().is_empty());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        lines(&report),
        [
            "cloudformation/template.yaml:4 ORG-003",
            "cloudformation/template.yaml:4 ORG-005",
            "cloudformation/template.yaml:14 ORG-005",
            "cloudformation/template.yaml:17 ORG-003",
            "kubernetes/app.yaml:10 ORG-004",
            "kubernetes/app.yaml:33 ORG-004",
            "kubernetes/cluster.yaml:5 ORG-001",
            "terraform/main.tf:8 ORG-001",
            "terraform/main.tf:29 ORG-003",
            "terraform/main.tf:32 ORG-005",
            "terraform/main.tf:35 ORG-005",
            "terraform/main.tf:37 ORG-003",
            "terraform/main.tf:45 ORG-005",
            "terraform/main.tf:46 ORG-001",
            "terraform/main.tf:58 ORG-002",
            "terraform/main.tf:65 ORG-003",
            "terraform/main.tf:65 ORG-005",
        ]
    );
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(messages
        .contains(&"`East US` is not an allowed location (allowed: West Europe, northeurope)"));
    // The provider's default tags count: only `owner` is missing on the instance.
    assert!(messages.contains(&"the resource has no `tags`: the required tag `owner` is missing"));
}

#[test]
fn every_policy_is_silent_until_configured() {
    let output = iacguard(&[
        "scan",
        "testdata/org",
        "--no-config",
        "--select",
        "ORG",
        "--format",
        "json",
    ]);
    let report = json(&output);
    assert_eq!(lines(&report), Vec::<String>::new());
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_discovered_configuration_sets_each_policy_on_its_own() {
    let dir = scratch("org_policy_discovered");
    std::fs::write(
        dir.join(".iacguard.toml"),
        "select = [\"ORG\"]\n\n[policy]\nrequired_labels = [\"team\"]\nallowed_locations = [\"westeurope\"]\n",
    )
    .unwrap();
    // Terraform `kubernetes_*` resources are Kubernetes objects too; labels that cannot be
    // known are not reported, and an unknown location is not either.
    std::fs::write(
        dir.join("main.tf"),
        r#"variable "labels" {}
variable "location" {}

resource "kubernetes_namespace" "shop" {
  metadata {
    name = "shop"
  }
}

resource "kubernetes_config_map" "settings" {
  metadata {
    name      = "settings"
    namespace = "shop"
    labels    = var.labels
  }
  data = { mode = "production" }
}

resource "azurerm_resource_group" "rg" {
  name     = "platform"
  location = var.location
}

resource "azurerm_key_vault" "kv" {
  name                = "kv"
  location            = "global"
  resource_group_name = "platform"
  tenant_id           = "t"
  sku_name            = "standard"
}

provider "aws" {
  region = "us-east-1"
}
"#,
    )
    .unwrap();
    let path = dir.to_str().unwrap();
    let output = iacguard(&["scan", path, "--format", "json"]);
    let report = json(&output);
    assert!(report["notices"].as_array().unwrap().is_empty());
    let found: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["location"]["start_line"],
                f["rule_id"].as_str().unwrap()
            )
        })
        .collect();
    // Only the namespace lacks `team`; regions are not configured, so the provider is fine.
    assert_eq!(found, ["4 ORG-004"]);
}

#[test]
fn a_misspelt_policy_key_is_an_error_at_its_line() {
    let dir = scratch("org_policy_misspelt");
    std::fs::write(
        dir.join(".iacguard.toml"),
        "[policy]\ndeny_public_ip = true\n",
    )
    .unwrap();
    std::fs::write(dir.join("main.tf"), "resource \"aws_eip\" \"a\" {}\n").unwrap();
    let output = iacguard(&["scan", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("deny_public_ip"), "{stderr}");
}

/// ORG findings of one file scanned with `policy`.
fn scan_one(name: &str, text: &str, policy: iacguard::policy::org::OrgPolicy) -> Vec<String> {
    use iacguard::scan::{scan_sources, Options};
    let options = Options {
        rules: iacguard::rules::ALL.to_vec(),
        policy,
        ..Options::default()
    };
    let file = iacguard::source::SourceFile::new(None, name.to_string(), text.to_string());
    let scan = scan_sources(vec![file], Vec::new(), &options);
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    scan.findings
        .iter()
        .filter(|f| f.rule.id.starts_with("ORG-"))
        .map(|f| {
            let line = scan
                .sources
                .get(f.span.file)
                .position(f.span.start as usize)
                .line;
            format!("{line} {} {}", f.rule.id, f.message)
        })
        .collect()
}

fn tags_policy() -> iacguard::policy::org::OrgPolicy {
    iacguard::policy::org::OrgPolicy {
        required_tags: vec!["owner".to_string(), "cost-center".to_string()],
        allowed_regions: vec!["eu-west-1".to_string()],
        ..Default::default()
    }
}

#[test]
fn plan_json_tags_all_holds_the_default_tags() {
    let plan = r#"{
  "format_version": "1.2",
  "terraform_version": "1.9.5",
  "resource_changes": [
    {"address": "aws_s3_bucket.a", "mode": "managed", "type": "aws_s3_bucket", "name": "a",
     "change": {"actions": ["create"],
       "after": {"bucket": "a", "tags": {"owner": "x"},
         "tags_all": {"owner": "x", "cost-center": "1"}},
       "after_unknown": {}}},
    {"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b",
     "change": {"actions": ["create"],
       "after": {"bucket": "b", "tags": {"owner": "x"}, "tags_all": {"owner": "x"}},
       "after_unknown": {}}},
    {"address": "aws_s3_bucket.c", "mode": "managed", "type": "aws_s3_bucket", "name": "c",
     "change": {"actions": ["create"],
       "after": {"bucket": "c", "tags": {"owner": "x"}},
       "after_unknown": {"tags_all": true}}}
  ]
}
"#;
    let found = scan_one("plan.json", plan, tags_policy());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("ORG-003 the required tag `cost-center` is missing"));
}

#[test]
fn tf_json_providers_count_as_well() {
    let config = r#"{
  "provider": {"aws": {"region": "us-west-2",
    "default_tags": {"tags": {"owner": "platform", "cost-center": "1"}}}},
  "resource": {"aws_s3_bucket": {"logs": {"bucket": "logs"}}}
}
"#;
    let found = scan_one("main.tf.json", config, tags_policy());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("ORG-001 `us-west-2` is not an allowed region"));
}

#[test]
fn autoscaling_group_tag_blocks_count_and_dynamic_ones_are_unknown() {
    let config = r#"resource "aws_autoscaling_group" "static" {
  max_size = 1
  min_size = 1
  tag {
    key                 = "owner"
    value               = "platform"
    propagate_at_launch = true
  }
}

resource "aws_autoscaling_group" "generated" {
  max_size = 1
  min_size = 1
  dynamic "tag" {
    for_each = var.tags
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }
}
"#;
    let found = scan_one("main.tf", config, tags_policy());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("4 ORG-003 the required tag `cost-center` is missing"));
}

#[test]
fn launch_templates_that_assign_public_addresses_are_denied() {
    let policy = || iacguard::policy::org::OrgPolicy {
        deny_public_ips: true,
        ..Default::default()
    };
    let tf = r#"resource "aws_launch_template" "nodes" {
  name = "nodes"
  network_interfaces {
    associate_public_ip_address = "true"
  }
  network_interfaces {
    associate_public_ip_address = false
  }
}

resource "azurerm_public_ip_prefix" "egress" {
  name                = "egress"
  location            = "westeurope"
  resource_group_name = "rg"
}
"#;
    let found = scan_one("main.tf", tf, policy());
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("4 ORG-005 instances launched from this template get"));
    assert!(found[1].starts_with("11 ORG-005 this resource is a range of public IP addresses"));

    let cfn = r#"Resources:
  Nodes:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        NetworkInterfaces:
          - DeviceIndex: 0
            AssociatePublicIpAddress: "true"
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-1
      CidrBlock: 10.0.0.0/24
      MapPublicIpOnLaunch: true
"#;
    let found = scan_one("template.yaml", cfn, policy());
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("8 ORG-005"));
    assert!(found[1].starts_with("14 ORG-005 every instance launched in this subnet gets"));
}

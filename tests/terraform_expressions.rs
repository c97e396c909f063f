//! Terraform expressions and functions, end to end: findings appear when locals computed with
//! `for`, `merge`, `lookup`, conditionals, templates or file functions give a bad value, point
//! at the line that uses it with the places it came from, and disappear when the value is good
//! or cannot be known.

use std::path::PathBuf;

use iacguard::rules;
use iacguard::scan::{scan_sources, Options, Scan};
use iacguard::source::SourceFile;

fn scan(files: Vec<SourceFile>) -> Scan {
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
    scan_sources(files, Vec::new(), &options)
}

/// Scans one in-memory module file `m/main.tf`.
fn scan_module(text: &str) -> Scan {
    scan(vec![SourceFile::new(
        None,
        "m/main.tf".to_string(),
        text.to_string(),
    )])
}

/// (rule id, line) of every finding.
fn findings(scan: &Scan) -> Vec<(&'static str, usize)> {
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    scan.findings
        .iter()
        .map(|f| {
            (
                f.rule.id,
                scan.sources
                    .get(f.span.file)
                    .position(f.span.start as usize)
                    .line,
            )
        })
        .collect()
}

/// The lines of a finding's related locations.
fn related_lines(scan: &Scan, index: usize) -> Vec<usize> {
    let finding = &scan.findings[index];
    finding
        .related
        .iter()
        .map(|r| {
            scan.sources
                .get(r.span.file)
                .position(r.span.start as usize)
                .line
        })
        .collect()
}

/// An EBS volume whose `encrypted` is the given expression, after the given declarations.
fn volume(declarations: &str, encrypted: &str) -> String {
    format!(
        "{declarations}\nresource \"aws_ebs_volume\" \"v\" {{\n  size      = 8\n  encrypted = {encrypted}\n}}\n"
    )
}

/// The line of `encrypted = ...` in [`volume`]'s text.
fn encrypted_line(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .iter()
        .rposition(|line| line.starts_with("  encrypted = "))
        .expect("an encrypted attribute")
        + 1
}

const SETTINGS: &str = r#"
locals {
  settings = {
    encrypted = false
    size      = 8
  }
}
"#;

#[test]
fn lookup_into_a_local_map_is_flagged_at_the_use_with_the_local_as_origin() {
    let text = volume(SETTINGS, r#"lookup(local.settings, "encrypted", true)"#);
    let result = scan_module(&text);
    assert_eq!(
        findings(&result),
        vec![("AWS-EBS-001", encrypted_line(&text))]
    );
    // The local's value, then the `false` written inside it.
    assert_eq!(related_lines(&result, 0), vec![3, 4]);
}

#[test]
fn lookup_falling_back_to_a_secure_default_is_clean() {
    let text = volume(SETTINGS, r#"lookup(local.settings, "encrypt", true)"#);
    assert_eq!(findings(&scan_module(&text)), vec![]);
}

#[test]
fn try_of_a_missing_variable_is_unknown_and_clean() {
    let text = volume("", "try(var.missing.encrypted, true)");
    assert_eq!(findings(&scan_module(&text)), vec![]);
    let declared = volume(
        "variable \"missing\" {\n  default = {}\n}\n",
        "try(var.missing.encrypted, true)",
    );
    assert_eq!(findings(&scan_module(&declared)), vec![]);
    let declared_false = volume(
        "variable \"missing\" {\n  default = { encrypted = false }\n}\n",
        "try(var.missing.encrypted, true)",
    );
    assert_eq!(
        findings(&scan_module(&declared_false)),
        vec![("AWS-EBS-001", encrypted_line(&declared_false))]
    );
}

#[test]
fn try_falls_back_after_an_error() {
    let text = volume(SETTINGS, "try(local.settings.missing, false)");
    assert_eq!(
        findings(&scan_module(&text)),
        vec![("AWS-EBS-001", encrypted_line(&text))]
    );
}

#[test]
fn for_and_merge_build_per_volume_settings() {
    let declarations = r#"
variable "volumes" {
  default = {
    logs = { size = 10 }
    data = { size = 100, encrypted = false }
  }
}
locals {
  defaults = { encrypted = true, type = "gp3" }
  volumes  = { for name, v in var.volumes : name => merge(local.defaults, v) }
}
"#;
    let flagged = volume(declarations, "local.volumes[\"data\"].encrypted");
    let result = scan_module(&flagged);
    assert_eq!(
        findings(&result),
        vec![("AWS-EBS-001", encrypted_line(&flagged))]
    );
    // The finding shows where `false` was written: the variable default's `data` line.
    assert!(
        related_lines(&result, 0).contains(&5),
        "{:?}",
        related_lines(&result, 0)
    );
    let clean = volume(declarations, "local.volumes.logs.encrypted");
    assert_eq!(findings(&scan_module(&clean)), vec![]);
}

#[test]
fn conditionals_comparisons_and_templates() {
    let env = |name: &str| format!("variable \"env\" {{\n  default = \"{name}\"\n}}\n");
    let conditional = "var.env == \"prod\" ? true : false";
    let dev = volume(&env("dev"), conditional);
    assert_eq!(
        findings(&scan_module(&dev)),
        vec![("AWS-EBS-001", encrypted_line(&dev))]
    );
    assert_eq!(
        findings(&scan_module(&volume(&env("prod"), conditional))),
        vec![]
    );

    let contains = "contains([\"prod\", \"staging\"], var.env)";
    assert_eq!(
        findings(&scan_module(&volume(&env("staging"), contains))).len(),
        0
    );
    assert_eq!(
        findings(&scan_module(&volume(&env("test"), contains))).len(),
        1
    );

    // A lone interpolation is the value itself; `"false"` converts to a boolean.
    let template = volume("locals {\n  flag = false\n}\n", "\"${local.flag}\"");
    assert_eq!(findings(&scan_module(&template)).len(), 1);
    let directive = volume(
        "locals {\n  n = 3\n}\n",
        "\"%{ if local.n > 2 }false%{ else }true%{ endif }\"",
    );
    assert_eq!(findings(&scan_module(&directive)).len(), 1);
    let unknown = volume("", "var.undeclared == \"prod\"");
    assert_eq!(findings(&scan_module(&unknown)), vec![]);
}

#[test]
fn coalesce_keeps_the_variable_default_as_origin() {
    let text = volume(
        "variable \"encrypted\" {\n  default = false\n}\n",
        "coalesce(var.encrypted, true)",
    );
    let result = scan_module(&text);
    assert_eq!(
        findings(&result),
        vec![("AWS-EBS-001", encrypted_line(&text))]
    );
    assert_eq!(related_lines(&result, 0), vec![2]);
}

const CLUSTER: &str = r#"
resource "aws_eks_cluster" "c" {
  name                      = "c"
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = LOG_TYPES
  vpc_config {
    subnet_ids              = ["s"]
    endpoint_private_access = true
    endpoint_public_access  = PUBLIC
    public_access_cidrs     = CIDRS
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:eu-west-1:123456789012:key/k"
    }
  }
}
"#;

fn cluster(declarations: &str, logs: &str, public: &str, cidrs: &str) -> String {
    let body = CLUSTER
        .replace("LOG_TYPES", logs)
        .replace("PUBLIC", public)
        .replace("CIDRS", cidrs);
    format!("{declarations}{body}")
}

fn rule_ids(scan: &Scan) -> Vec<&'static str> {
    findings(scan).into_iter().map(|(id, _)| id).collect()
}

#[test]
fn eks_settings_computed_with_functions() {
    let declarations = r#"
variable "audit" {
  default = false
}
variable "office_cidrs" {
  default = ["203.0.113.0/24", ""]
}
locals {
  all_logs  = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
  log_types = compact([for t in local.all_logs : t == "audit" && !var.audit ? "" : t])
  private   = true
}
"#;
    let cidrs = "compact(var.office_cidrs)";
    let result = scan_module(&cluster(
        declarations,
        "local.log_types",
        "!local.private",
        cidrs,
    ));
    // Audit logs missing: the audit rule and the complete-logging rule.
    assert_eq!(rule_ids(&result), vec!["AWS-EKS-004", "AWS-EKS-005"]);

    let all = "distinct(concat(local.all_logs, [\"api\"]))";
    let open = "concat(compact(var.office_cidrs), [cidrsubnet(\"0.0.0.0/0\", 0, 0)])";
    let result = scan_module(&cluster(declarations, all, "!local.private", open));
    assert!(rule_ids(&result).is_empty());
    let result = scan_module(&cluster(
        declarations,
        all,
        "upper(\"TRUE\") == \"TRUE\"",
        open,
    ));
    assert_eq!(rule_ids(&result), vec!["AWS-EKS-002", "AWS-EKS-003"]);
    let result = scan_module(&cluster(declarations, all, "true", cidrs));
    assert_eq!(rule_ids(&result), vec!["AWS-EKS-002"]);
}

#[test]
fn values_only_known_after_apply_raise_nothing() {
    let text = volume(
        "locals {\n  ids = aws_kms_key.k[*].id\n}\n",
        "length(local.ids) > 0 && can(jsondecode(data.x.y.json))",
    );
    assert_eq!(findings(&scan_module(&text)), vec![]);
    let text = volume(
        "",
        "lookup(jsondecode(data.http.settings.body), \"encrypted\", false)",
    );
    assert_eq!(findings(&scan_module(&text)), vec![]);
    let text = volume("", "uuid() == \"x\" ? true : false");
    assert_eq!(findings(&scan_module(&text)), vec![]);
}

/// A fresh directory inside the working directory, which is the boundary for file functions
/// (Cargo's own scratch space may be elsewhere when `CARGO_TARGET_DIR` is set), under the
/// ignored `target/`.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/test-scratch")
        .join(format!(
            "terraform_expressions-{name}-{}",
            std::process::id()
        ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("module")).expect("scratch directory");
    dir
}

fn scan_on_disk(dir: &std::path::Path, text: &str) -> Scan {
    let path = dir.join("module/main.tf");
    std::fs::write(&path, text).expect("write main.tf");
    scan(vec![SourceFile::new(
        Some(path),
        "module/main.tf".to_string(),
        text.to_string(),
    )])
}

#[test]
fn file_and_templatefile_read_inside_the_scanned_tree() {
    let dir = scratch("files");
    std::fs::write(dir.join("module/settings.json"), r#"{"encrypted": false}"#).unwrap();
    std::fs::write(
        dir.join("shared.tpl"),
        "%{ if secure }true%{ else }false%{ endif }",
    )
    .unwrap();

    let text = volume(
        "",
        "jsondecode(file(\"${path.module}/settings.json\")).encrypted",
    );
    assert_eq!(
        findings(&scan_on_disk(&dir, &text)),
        vec![("AWS-EBS-001", encrypted_line(&text))]
    );

    let text = volume("", "templatefile(\"../shared.tpl\", { secure = false })");
    assert_eq!(findings(&scan_on_disk(&dir, &text)).len(), 1);
    let text = volume("", "templatefile(\"../shared.tpl\", { secure = true })");
    assert_eq!(findings(&scan_on_disk(&dir, &text)), vec![]);

    // No such file: an error, which `try` catches.
    let text = volume("", "try(file(\"missing.json\"), false)");
    assert_eq!(findings(&scan_on_disk(&dir, &text)).len(), 1);
    // Absolute paths are never read: unknown, so `try` does not fall back either.
    let absolute = dir.join("module/settings.json").display().to_string();
    let text = volume(
        "",
        &format!("try(jsondecode(file({absolute:?})).encrypted, false)"),
    );
    assert_eq!(findings(&scan_on_disk(&dir, &text)), vec![]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn in_memory_modules_read_no_files() {
    let text = volume("", "jsondecode(file(\"settings.json\")).encrypted");
    assert_eq!(findings(&scan_module(&text)), vec![]);
}

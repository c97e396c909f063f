//! Terraform evaluation end to end: modules and roots, variable values (defaults, tfvars,
//! `--var-file`, `--var`), `count`/`for_each` instances, `dynamic` blocks and references, each
//! case a directory under `testdata/terraform` with its expected findings (rule, place,
//! resource address, related locations) and notices.

use std::path::{Path, PathBuf};

use iacguard::adapt::Inputs;
use iacguard::scan::{scan_paths, scan_sources, Options, Scan};
use iacguard::source::SourceFile;

const CASES: &str = "testdata/terraform";

/// The rules these cases evaluate values for. The EKS rules about what surrounds a cluster
/// (AWS-EKS-006 to 016: OIDC providers, node groups, add-ons) and the catalogue around the
/// cluster have their own tests.
fn evaluation_options() -> Options {
    Options {
        rules: iacguard::rules::ALL
            .iter()
            .copied()
            .filter(|rule| {
                let id = rule.meta().id;
                (id.starts_with("AWS-EKS-") && id < "AWS-EKS-006")
                    || id == "AWS-EBS-001"
                    || id.starts_with("K8S-")
            })
            .collect(),
        ..Options::default()
    }
}

fn scan(case: &str, vars: &[(&str, &str)], var_files: &[&str]) -> Scan {
    let options = Options {
        inputs: Inputs {
            terraform_vars: vars
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
            terraform_var_files: var_files
                .iter()
                .map(|file| Path::new(CASES).join(case).join(file))
                .collect(),
            cloudformation_params: Vec::new(),
        },
        ..evaluation_options()
    };
    scan_paths(&[PathBuf::from(CASES).join(case)], &options)
}

/// Findings and notices, one per line, paths relative to the case directory.
fn describe(case: &str, scan: &Scan) -> String {
    let prefix = format!("{CASES}/{case}/");
    let place = |file, start: u32| {
        let source = scan.sources.get(file);
        let line = source.position(start as usize).line;
        let path = source
            .display
            .strip_prefix(&prefix)
            .unwrap_or(&source.display);
        format!("{path}:{line}")
    };
    let mut text = String::new();
    for finding in &scan.findings {
        text.push_str(&format!(
            "{} {} {}\n",
            finding.rule.id,
            place(finding.span.file, finding.span.start),
            finding.address
        ));
        for related in &finding.related {
            text.push_str(&format!(
                "    related {} {}\n",
                place(related.span.file, related.span.start),
                related.message
            ));
        }
    }
    for notice in &scan.notices {
        let location = match notice.span {
            Some(span) => place(span.file, span.start),
            None => notice
                .path
                .strip_prefix(&prefix)
                .unwrap_or(&notice.path)
                .to_string(),
        };
        text.push_str(&format!(
            "notice {} {location} {}\n",
            notice.level.as_str(),
            notice.message
        ));
    }
    text
}

/// Compares with `testdata/terraform/<case>/<expected>`; `UPDATE_EXPECTED=1` rewrites it.
fn check(case: &str, expected: &str, scan: &Scan) {
    let actual = describe(case, scan);
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(CASES)
        .join(case)
        .join(expected);
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&path, &actual).unwrap();
    }
    let wanted = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        actual, wanted,
        "{case}/{expected}: rerun with UPDATE_EXPECTED=1 to accept a deliberate change"
    );
}

fn case(name: &str) {
    check(name, "expected.txt", &scan(name, &[], &[]));
}

#[test]
fn a_variable_default_can_make_a_setting_insecure() {
    case("variable-default");
}

#[test]
fn tfvars_files_override_defaults_in_terraform_order() {
    case("tfvars-override");
}

#[test]
fn command_line_values_override_defaults_and_var_files() {
    let name = "cli-var";
    check(name, "expected.txt", &scan(name, &[], &[]));
    let by_var = scan(name, &[("encrypt_volumes", "false")], &[]);
    check(name, "expected-var.txt", &by_var);
    let by_file = scan(name, &[], &["prod.tfvars"]);
    check(name, "expected-var-file.txt", &by_file);
    // --var comes after --var-file, as in Terraform.
    let both = scan(name, &[("encrypt_volumes", "true")], &["prod.tfvars"]);
    assert!(both.findings.is_empty(), "{}", describe(name, &both));
}

#[test]
fn a_local_computed_from_a_variable() {
    case("local-from-variable");
}

#[test]
fn a_module_called_twice_is_judged_per_call() {
    case("module-called-twice");
}

#[test]
fn for_each_over_a_map_with_one_bad_element() {
    case("for-each-map");
}

#[test]
fn count_for_each_and_switched_off_modules() {
    case("instances");
}

#[test]
fn dynamic_blocks_generate_nested_blocks() {
    case("dynamic-block");
}

#[test]
fn a_variable_without_default_is_unknown_not_insecure() {
    case("no-default");
}

#[test]
fn a_kms_key_by_resource_reference_is_configured() {
    case("kms-reference");
}

#[test]
fn a_platform_of_an_eks_module_and_node_group_modules() {
    case("platform");
}

#[test]
fn module_cycles_end_with_a_notice() {
    case("module-cycle");
}

#[test]
fn registry_modules_are_read_from_terraform_init_or_named_in_a_notice() {
    case("registry-module");
    case("registry-module-fetched");
}

/// Scans files given in memory (no variable files or fetched modules are read from disk).
fn scan_files(files: &[(&str, &str)], vars: &[(&str, &str)]) -> Scan {
    let options = Options {
        inputs: Inputs {
            terraform_vars: vars
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
            ..Inputs::default()
        },
        ..evaluation_options()
    };
    let mut sources: Vec<_> = files
        .iter()
        .map(|(name, text)| SourceFile::new(None, name.to_string(), text.to_string()))
        .collect();
    sources.sort_by(|a, b| a.display.cmp(&b.display));
    scan_sources(sources, Vec::new(), &options)
}

fn findings(scan: &Scan) -> Vec<String> {
    scan.findings
        .iter()
        .map(|f| {
            let source = scan.sources.get(f.span.file);
            let line = source.position(f.span.start as usize).line;
            format!("{} {}:{} {}", f.rule.id, source.display, line, f.address)
        })
        .collect()
}

const VOLUME_MODULE: &str = r#"
variable "encrypted" {
  type    = bool
  default = true
}
resource "aws_ebs_volume" "this" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = var.encrypted
}
output "encrypted" {
  value = var.encrypted
}
"#;

#[test]
fn tfvars_json_and_typed_command_line_values() {
    let main = r#"
variable "encrypt" {
  type    = bool
  default = false
}
variable "cidrs" {
  type    = list(string)
  default = ["10.0.0.0/8"]
}
resource "aws_ebs_volume" "v" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = var.encrypt
}
resource "aws_eks_cluster" "c" {
  name     = "c"
  role_arn = "r"
  vpc_config {
    subnet_ids          = ["s"]
    public_access_cidrs = var.cidrs
  }
}
"#;
    let tfvars = r#"{ "encrypt": "true" }"#;
    let scan = scan_files(
        &[
            ("live/main.tf", main),
            ("live/terraform.tfvars.json", tfvars),
        ],
        &[("cidrs", r#"["0.0.0.0/0"]"#)],
    );
    let found = findings(&scan);
    assert!(scan.notices.is_empty(), "{:?}", scan.notices);
    assert!(
        !found.iter().any(|f| f.starts_with("AWS-EBS-001")),
        "the JSON tfvars string \"true\" becomes a boolean: {found:?}"
    );
    let cidrs = scan
        .findings
        .iter()
        .find(|f| f.rule.id == "AWS-EKS-003")
        .expect("the --var list opens the endpoint to everyone");
    assert!(cidrs
        .related
        .iter()
        .any(|r| r.message.contains("--var on the command line")));
}

#[test]
fn module_count_outputs_and_unscanned_sources() {
    let main = r#"
module "volumes" {
  source    = "./volume"
  count     = 2
  encrypted = count.index == 0
}
module "missing" {
  source = "./not-here"
}
resource "aws_ebs_volume" "copy" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = module.volumes[1].encrypted
}
"#;
    let scan = scan_files(&[("main.tf", main), ("volume/main.tf", VOLUME_MODULE)], &[]);
    assert_eq!(
        findings(&scan),
        [
            "AWS-EBS-001 main.tf:13 aws_ebs_volume.copy",
            "AWS-EBS-001 volume/main.tf:9 module.volumes[1].aws_ebs_volume.this",
        ]
    );
    let copy = &scan.findings[0];
    let notes: Vec<&str> = copy.related.iter().map(|r| r.message.as_str()).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("output `encrypted` of module.volumes[1]")),
        "{notes:?}"
    );
    assert_eq!(scan.notices.len(), 1, "{:?}", scan.notices);
    assert!(
        scan.notices[0].message.contains("`./not-here`")
            || scan.notices[0].message.contains("not-here")
    );
}

#[test]
fn module_outputs_that_depend_on_each_other_do_not_loop() {
    let main = r#"
module "a" {
  source    = "./volume"
  encrypted = module.b.encrypted
}
module "b" {
  source    = "./volume"
  encrypted = module.a.encrypted
}
"#;
    let scan = scan_files(&[("main.tf", main), ("volume/main.tf", VOLUME_MODULE)], &[]);
    // Each input is unknown somewhere along the loop: nothing to report, and no hang.
    assert!(scan.findings.len() <= 1, "{:?}", findings(&scan));
}

#[test]
fn a_deep_module_chain_stops_with_a_notice() {
    let mut files = Vec::new();
    for level in 0..40 {
        let text = format!("module \"next\" {{\n  source = \"./m{}\"\n}}\n", level + 1);
        let name = (0..level)
            .map(|l| format!("m{}/", l + 1))
            .collect::<String>()
            + "main.tf";
        files.push((name, text));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let scan = scan_files(&borrowed, &[]);
    assert!(
        scan.notices
            .iter()
            .any(|n| n.message.contains("nested more than")),
        "{:?}",
        scan.notices
    );
}

#[test]
fn modules_called_from_outside_the_scanned_paths_are_read() {
    // Only the environment directory is scanned; the modules it calls are read from disk.
    let only_prod = scan_paths(
        &[PathBuf::from(CASES).join("layered/live/prod")],
        &evaluation_options(),
    );
    check("layered", "expected.txt", &only_prod);
    // Scanning everything gives the same: the shared module is not a root of its own.
    let everything = scan("layered", &[], &[]);
    assert_eq!(
        describe("layered", &everything),
        describe("layered", &only_prod)
    );
}

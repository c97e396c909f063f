//! Terraform evaluation end to end: modules and roots, variable values (defaults, tfvars,
//! `--var-file`, `--var`), `count`/`for_each` instances, `dynamic` blocks and references, each
//! case a directory under `testdata/terraform` with its expected findings (rule, place,
//! resource address, related locations) and notices.

use std::path::{Path, PathBuf};

use iacguard::adapt::Inputs;
use iacguard::scan::{scan_paths, Options, Scan};

const CASES: &str = "testdata/terraform";

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
        ..Options::default()
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

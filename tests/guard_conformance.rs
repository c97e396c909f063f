//! The Guard conformance corpus: every case under `testdata/guard/conformance/<case>/` is a
//! `rules.guard`, the IaC files it scans and the JSON report the binary gives on them when Guard
//! rules are evaluated by the `cfn-guard` crate (`--guard-engine cfn-guard`), the reference
//! implementation. The native evaluator (the default) must give the same report, byte for byte.
//! `UPDATE_EXPECTED=1` rewrites the golden files from the reference engine; review the diff.
//!
//! A case's inputs are all its files except `rules.guard`, `expected.json` and
//! `.iacguard.toml`; the latter, when present, is the configuration of the scan (its `[policy]`
//! reaches rules as `Iacguard.Policy`), otherwise none is read.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const CORPUS: &str = "testdata/guard/conformance";

/// Files of a case that are not scanned.
const NOT_INPUTS: &[&str] = &["rules.guard", "expected.json", ".iacguard.toml"];

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("the corpus exists")
        .map(|entry| entry.expect("a readable corpus").path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    cases
}

/// The input files of a case, relative to the crate root so the report's paths are the same in
/// every checkout.
fn inputs(case: &Path, name: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(case)
        .expect("a readable case")
        .map(|entry| entry.expect("a readable case").path())
        .filter(|path| path.is_file())
        .filter_map(|path| {
            let file = path.file_name()?.to_str()?.to_string();
            (!NOT_INPUTS.contains(&file.as_str())).then(|| format!("{CORPUS}/{name}/{file}"))
        })
        .collect();
    files.sort();
    files
}

/// The tool's version is not part of what is compared: a release must not need new golden
/// files (which, after the switch of engine, could no longer be made with the reference).
fn without_version(report: &str) -> String {
    report.replacen(
        &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"version\": \"VERSION\"",
        1,
    )
}

/// Cases whose rules file the native evaluator hands to cfn-guard (with a note), and why.
/// Any other fallback is a regression.
const NATIVE_FALLBACKS: &[(&str, &str)] = &[("functions-collections", "function `json_parse`")];

/// The note a fallback to cfn-guard leaves.
const FALLBACK_NOTE: &str = "evaluated with cfn-guard, which is slower";

/// Runs one case with `engine`; returns its report and the problems found with it.
fn run_case(case: &Path, engine: &str) -> (String, Vec<String>) {
    let name = case
        .file_name()
        .and_then(|name| name.to_str())
        .expect("a case directory has a UTF-8 name")
        .to_string();
    let mut problems = Vec::new();
    let files = inputs(case, &name);
    if files.is_empty() {
        problems.push(format!("{name}: no input files"));
    }
    let rules = format!("{CORPUS}/{name}/rules.guard");
    let config = format!("{CORPUS}/{name}/.iacguard.toml");
    let mut args: Vec<&str> = vec!["scan"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--ruleset", &rules, "--select", "GUARD", "--format", "json"]);
    args.extend(["--guard-engine", engine]);
    if case.join(".iacguard.toml").is_file() {
        args.extend(["--config", &config]);
    } else {
        args.push("--no-config");
    }
    let output = iacguard(&args);
    let actual = without_version(&stdout(&output));
    let mut report: serde_json::Value = match serde_json::from_str(&actual) {
        Ok(report) => report,
        Err(error) => {
            problems.push(format!(
                "{name}: no JSON report ({error}); stderr: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
            return (actual, problems);
        }
    };
    // A fallback to cfn-guard is expected for the listed cases only; its note is not part of
    // what is compared (the reference run has none).
    let fallback = NATIVE_FALLBACKS.iter().find(|(case, _)| *case == name);
    let mut fell_back = false;
    if let Some(notices) = report["notices"].as_array_mut() {
        notices.retain(|notice| {
            let note = notice["message"]
                .as_str()
                .is_some_and(|message| message.starts_with(FALLBACK_NOTE));
            fell_back |= note;
            !note
        });
    }
    if engine == "native" && fell_back != fallback.is_some() {
        problems.push(format!(
            "{name}: the native evaluator {} this rules file to cfn-guard",
            if fell_back {
                "unexpectedly hands"
            } else {
                "no longer hands"
            }
        ));
    }
    let actual = if fell_back {
        without_version(&format!("{report:#}\n"))
    } else {
        actual
    };
    // Notices would pin one engine's error texts; a case is about findings only.
    let notices = report["notices"].as_array().map_or(0, Vec::len);
    if notices != 0 {
        problems.push(format!(
            "{name}: {notices} notice(s): {}",
            report["notices"]
        ));
    }
    let findings = report["findings"].as_array().map_or(0, Vec::len);
    let passes = name.ends_with("-passes");
    if passes && findings != 0 {
        problems.push(format!(
            "{name}: a `-passes` case has {findings} finding(s)"
        ));
    }
    if !passes && findings == 0 {
        problems.push(format!(
            "{name}: no Guard finding (a dead rules file?); name a no-finding case `*-passes`"
        ));
    }
    let expected_code = if findings == 0 { 0 } else { 1 };
    if output.status.code() != Some(expected_code) {
        problems.push(format!(
            "{name}: exit code {:?}, expected {expected_code}",
            output.status.code()
        ));
    }
    (actual, problems)
}

/// Runs every case with `engine` and compares with the golden reports; `update` rewrites them.
fn check_corpus(engine: &str, update: bool) {
    let cases = cases();
    let mut problems = Vec::new();
    for case in &cases {
        let (actual, mut found) = run_case(case, engine);
        problems.append(&mut found);
        let expected_path = case.join("expected.json");
        if update {
            std::fs::write(&expected_path, &actual).expect("the golden file is writable");
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if let Some(difference) = first_difference(&expected, &actual) {
            problems.push(format!(
                "{}: the {engine} engine's report differs from expected.json, {difference}",
                case.display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    assert!(cases.len() >= 30, "the corpus has {} cases", cases.len());
}

#[test]
fn the_reference_engine_gives_every_golden_report() {
    check_corpus("cfn-guard", std::env::var_os("UPDATE_EXPECTED").is_some());
}

#[test]
fn the_native_evaluator_gives_every_golden_report() {
    check_corpus("native", false);
}

#[test]
fn every_case_documents_its_rules() {
    for case in cases() {
        let rules = std::fs::read_to_string(case.join("rules.guard"))
            .unwrap_or_else(|_| panic!("{} has a rules.guard", case.display()));
        assert!(
            rules.lines().any(|line| line.trim_start().starts_with('#')),
            "{}: say each rule's intent in a comment",
            case.display()
        );
    }
}

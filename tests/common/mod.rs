//! Helpers the end-to-end test files share: run the binary, read its reports, make scratch
//! directories.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn iacguard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iacguard"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

/// Runs the binary with `input` on standard input (closed at once when `None`).
pub fn iacguard_stdin(args: &[&str], input: Option<&str>) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_iacguard"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    if let Some(text) = input {
        stdin
            .write_all(text.as_bytes())
            .expect("the binary reads its input");
    }
    drop(stdin);
    child.wait_with_output().expect("the binary finishes")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

/// A fresh directory for one test, under Cargo's scratch space for integration tests.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `path:line:column RULE-ID`, one line per finding, as `testdata/examples/expected.txt` keeps it.
pub fn finding_lines(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let location = &f["location"];
            format!(
                "{}:{}:{} {}",
                location["path"].as_str().unwrap(),
                location["start_line"],
                location["start_column"],
                f["rule_id"].as_str().unwrap()
            )
        })
        .collect()
}

/// `path:line RULE-ID` per finding, with `prefix` taken off the paths.
pub fn path_line_rule(report: &serde_json::Value, prefix: &str) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["location"]["path"].as_str().unwrap();
            let path = path.strip_prefix(prefix).unwrap_or(path);
            format!(
                "{path}:{} {}",
                f["location"]["start_line"],
                f["rule_id"].as_str().unwrap()
            )
        })
        .collect()
}

/// Where two long texts (reports) first differ, with a few lines of context from each; `None`
/// when they are equal. Printing both whole reports would bury the difference.
pub fn first_difference(expected: &str, actual: &str) -> Option<String> {
    let expected_lines: Vec<&str> = expected.lines().collect();
    let actual_lines: Vec<&str> = actual.lines().collect();
    let at = (0..expected_lines.len().max(actual_lines.len()))
        .find(|&n| expected_lines.get(n) != actual_lines.get(n))?;
    let around = |lines: &[&str]| {
        let start = at.saturating_sub(12).min(lines.len());
        let end = (at + 4).min(lines.len());
        lines[start..end].join("\n")
    };
    Some(format!(
        "first difference at line {}:\n--- expected\n{}\n--- actual\n{}",
        at + 1,
        around(&expected_lines),
        around(&actual_lines)
    ))
}

//! The CI formats: GitHub workflow commands and job summary, GitLab's SAST report (the required
//! fields of schema 15.x) and JUnit XML (one suite per file, one case per rule and resource),
//! all written in one run with several `--format`/`--output` pairs.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};

use common::*;

fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_iacguard"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("SOURCE_DATE_EPOCH");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the binary runs")
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The examples' JSON report, the reference the other formats are compared with.
fn examples_json() -> serde_json::Value {
    json(&run_in(
        repo(),
        &["scan", "testdata/examples", "--format", "json"],
        &[],
    ))
}

fn open_findings(report: &serde_json::Value) -> Vec<&serde_json::Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("suppression").is_none())
        .collect()
}

fn is_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 19
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            10 => *b == b'T',
            13 | 16 => *b == b':',
            _ => b.is_ascii_digit(),
        })
}

#[test]
fn gitlab_report_has_the_fields_schema_15_requires() {
    let dir = scratch("formats_gitlab");
    let out = dir.join("gl-sast-report.json");
    let output = run_in(
        repo(),
        &[
            "scan",
            "testdata/examples",
            "--format",
            "gitlab",
            "--output",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();

    let version = report["version"].as_str().unwrap();
    let parts: Vec<&str> = version.split('.').collect();
    assert_eq!(parts[0], "15", "schema 15.x");
    assert_eq!(parts.len(), 3);
    assert!(parts.iter().all(|p| p.parse::<u32>().is_ok()));

    let scan = &report["scan"];
    for tool in ["analyzer", "scanner"] {
        for field in ["id", "name", "version"] {
            assert!(
                !scan[tool][field].as_str().unwrap().is_empty(),
                "scan.{tool}.{field}"
            );
        }
        assert!(!scan[tool]["vendor"]["name"].as_str().unwrap().is_empty());
    }
    assert_eq!(scan["type"], "sast");
    assert!(["success", "failure"].contains(&scan["status"].as_str().unwrap()));
    let start = scan["start_time"].as_str().unwrap();
    let end = scan["end_time"].as_str().unwrap();
    assert!(is_timestamp(start) && is_timestamp(end), "{start} {end}");
    assert!(start <= end);

    let reference = examples_json();
    let expected = open_findings(&reference);
    let vulnerabilities = report["vulnerabilities"].as_array().unwrap();
    assert_eq!(vulnerabilities.len(), expected.len());
    let severities = ["Info", "Unknown", "Low", "Medium", "High", "Critical"];
    let mut ids = BTreeSet::new();
    for (vulnerability, finding) in vulnerabilities.iter().zip(&expected) {
        let id = vulnerability["id"].as_str().unwrap();
        assert_eq!(id.len(), 36, "UUID-shaped id {id}");
        assert!(ids.insert(id.to_string()), "ids are unique: {id}");
        assert!(!vulnerability["name"].as_str().unwrap().is_empty());
        assert!(vulnerability["description"]
            .as_str()
            .unwrap()
            .contains(finding["message"].as_str().unwrap()));
        assert!(severities.contains(&vulnerability["severity"].as_str().unwrap()));
        let location = &vulnerability["location"];
        assert_eq!(location["file"], finding["location"]["path"]);
        assert_eq!(location["start_line"], finding["location"]["start_line"]);
        assert!(location["end_line"].as_u64() >= location["start_line"].as_u64());
        let identifiers = vulnerability["identifiers"].as_array().unwrap();
        assert!(!identifiers.is_empty());
        for identifier in identifiers {
            for field in ["type", "name", "value"] {
                assert!(!identifier[field].as_str().unwrap().is_empty());
            }
        }
        assert_eq!(identifiers[0]["value"], finding["rule_id"]);
    }
}

#[test]
fn gitlab_times_come_from_source_date_epoch_and_ids_are_stable() {
    let render = || {
        let output = run_in(
            repo(),
            &["scan", "testdata/examples", "--format", "gitlab"],
            &[("SOURCE_DATE_EPOCH", "1767225600")],
        );
        stdout(&output)
    };
    let first = render();
    assert_eq!(first, render(), "byte-identical with SOURCE_DATE_EPOCH");
    let report: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(report["scan"]["start_time"], "2026-01-01T00:00:00");
    assert_eq!(report["scan"]["end_time"], "2026-01-01T00:00:00");
}

/// Checks that every opened element is closed in order; returns the element names in order.
fn xml_elements(xml: &str) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut names = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').expect("tags close") + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "balanced XML");
            continue;
        }
        let name = tag.split([' ', '/']).next().unwrap().to_string();
        names.push(name.clone());
        if !tag.ends_with('/') {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    names
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

#[test]
fn junit_has_a_suite_per_file_and_a_case_per_rule_and_resource() {
    let output = run_in(
        repo(),
        &["scan", "testdata/examples", "--format", "junit"],
        &[],
    );
    let xml = stdout(&output);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    let names = xml_elements(&xml);
    assert_eq!(names[0], "testsuites");

    let reference = examples_json();
    let expected = open_findings(&reference);
    let files: BTreeSet<&str> = expected
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    // Per file: a finding about one resource can be reported in another file (a module's
    // default, a namespace's workloads), and each file is its own suite.
    let pairs: BTreeSet<(&str, &str, &str)> = expected
        .iter()
        .map(|f| {
            (
                f["location"]["path"].as_str().unwrap(),
                f["rule_id"].as_str().unwrap(),
                f["resource"].as_str().unwrap(),
            )
        })
        .collect();

    let suites: Vec<String> = xml
        .split("<testsuite ")
        .skip(1)
        .map(|s| &s[..s.find('>').unwrap()])
        .map(|s| format!(" {s}"))
        .collect();
    let suite_names: Vec<&str> = suites
        .iter()
        .map(|s| attribute(s, "name").unwrap())
        .collect();
    let unique: BTreeSet<&str> = suite_names.iter().copied().collect();
    assert_eq!(unique.len(), suite_names.len(), "one suite per file");
    for file in &files {
        assert!(unique.contains(file), "a suite for {file}");
    }

    let failures = xml.matches("<failure ").count();
    assert_eq!(
        failures,
        pairs.len(),
        "one failing case per rule and resource"
    );
    for (_, rule, resource) in &pairs {
        let resource = resource
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        assert!(
            xml.contains(&format!("<testcase name=\"{rule} "))
                && xml.contains(&format!(": {resource}\"")),
            "a case for {rule} on {resource}"
        );
    }
    let header = &xml[xml.find("<testsuites").unwrap()..];
    let header = &header[..header.find('>').unwrap()];
    assert_eq!(
        attribute(header, "failures").unwrap(),
        pairs.len().to_string()
    );
    let total: usize = suites
        .iter()
        .map(|s| attribute(s, "tests").unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(attribute(header, "tests").unwrap(), total.to_string());
    assert_eq!(xml.matches("<testcase ").count(), total);
}

#[test]
fn github_annotations_are_escaped_and_capped_most_severe_first() {
    let dir = scratch("formats_github");
    // A path with `,` and `:` and a container name with `%` and a newline.
    let manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  containers:\n    - name: \"we%b\\nx\"\n      image: registry.example.com/web:1.0.0\n      securityContext:\n        privileged: true\n";
    std::fs::write(dir.join("a,b:c.yaml"), manifest).unwrap();
    let output = run_in(
        &dir,
        &[
            "scan",
            ".",
            "--no-config",
            "--format",
            "github",
            "--select",
            "K8S-POD-001",
        ],
        &[],
    );
    let text = stdout(&output);
    let line = text
        .lines()
        .find(|l| l.starts_with("::error "))
        .expect("an error annotation");
    assert!(
        line.starts_with(
            "::error file=a%2Cb%3Ac.yaml,line=11,col=21,endLine=11,endColumn=25,title=K8S-POD-001 privileged-container::"
        ),
        "{line}"
    );
    assert!(line.contains("we%25b%0Ax"), "{line}");
    assert!(!line.contains("we%b"));

    let output = run_in(
        repo(),
        &["scan", "testdata/examples", "--format", "github"],
        &[],
    );
    let text = stdout(&output);
    let levels: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.starts_with("::error") || l.starts_with("::warning") || l.starts_with("::notice")
        })
        .map(|l| &l[2..l.find(' ').unwrap()])
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for level in &levels {
        *counts.entry(level).or_default() += 1;
    }
    assert!(counts.values().all(|count| *count <= 10), "{counts:?}");
    let reference = examples_json();
    let serious = open_findings(&reference)
        .iter()
        .filter(|f| ["critical", "high"].contains(&f["severity"].as_str().unwrap()))
        .count();
    assert_eq!(counts["error"], serious.min(10));
    // Critical findings come before high ones.
    let titles: Vec<&str> = text.lines().filter(|l| l.starts_with("::error")).collect();
    let first_high = titles.iter().position(|l| l.contains("(high)"));
    let last_critical = titles.iter().rposition(|l| l.contains("(critical)"));
    if let (Some(high), Some(critical)) = (first_high, last_critical) {
        assert!(critical < high);
    }
    assert!(text.contains("more findings not annotated"));
    // Every finding is still in the log.
    assert!(text.contains(&format!(
        "::group::iacguard: {} findings",
        open_findings(&reference).len()
    )));
}

#[test]
fn several_formats_in_one_run_and_the_job_summary() {
    let dir = scratch("formats_many");
    let summary = dir.join("summary.md");
    std::fs::write(&summary, "previous step\n").unwrap();
    let gitlab = dir.join("gl.json");
    let junit = dir.join("junit.xml");
    let output = run_in(
        repo(),
        &[
            "scan",
            "testdata/examples",
            "--format",
            "gitlab",
            "--output",
            gitlab.to_str().unwrap(),
            "--format",
            "junit",
            "--output",
            junit.to_str().unwrap(),
            "--format",
            "github",
        ],
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("::error file="));
    assert!(std::fs::read_to_string(&gitlab)
        .unwrap()
        .contains("\"vulnerabilities\""));
    assert!(std::fs::read_to_string(&junit)
        .unwrap()
        .contains("<testsuites"));
    let markdown = std::fs::read_to_string(&summary).unwrap();
    assert!(
        markdown.starts_with("previous step\n## iacguard\n"),
        "appended"
    );
    assert!(markdown.contains("| Severity | Rule | Location | Finding |"));
    assert!(markdown.contains("| high | `AWS-EBS-001` ebs-volume-unencrypted |"));

    // Other formats leave the summary alone.
    std::fs::write(&summary, "").unwrap();
    run_in(
        repo(),
        &["scan", "testdata/examples", "--format", "json"],
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    assert_eq!(std::fs::read_to_string(&summary).unwrap(), "");
}

//! Hostile input, end to end: a corpus built here (nothing binary is checked in) of files made
//! to crash, hang or exhaust a scanner, scanned by the real binary under a wall-clock timeout
//! with its peak memory measured. Every hostile file must get a clear error of its own or a
//! bounded result, and the ordinary files beside them must still give all their findings.
//!
//! The binary `cargo test` builds is unoptimised, so the caps below are generous for it; the
//! release binary needs a fraction (see README, Performance).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// No scan in this file may take longer than this (the debug binary; release is ~20x faster).
const TIMEOUT: Duration = Duration::from_secs(120);

/// Peak resident memory allowed to any scan in this file.
const MEMORY_CAP_KB: u64 = 512 * 1024;

/// The result of one run of the binary: exit code, JSON report, wall time.
struct Run {
    code: Option<i32>,
    report: serde_json::Value,
    elapsed: Duration,
}

/// Runs `iacguard scan ARGS --format json --output FILE`, killing it after [`TIMEOUT`], and
/// checks the peak memory of every child so far against [`MEMORY_CAP_KB`].
fn scan(dir: &Path, args: &[&str]) -> Run {
    let report_path = dir.with_extension("report.json");
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_iacguard"))
        .arg("scan")
        .arg(dir)
        .args(args)
        .args(["--format", "json", "--output"])
        .arg(&report_path)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the scan of {} hung (over {TIMEOUT:?})", dir.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = started.elapsed();
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        use std::io::Read;
        let _ = pipe.read_to_string(&mut stderr);
    }
    assert!(!stderr.contains("panicked"), "the scan panicked: {stderr}");
    let peak = children_peak_rss_kb();
    assert!(
        peak < MEMORY_CAP_KB,
        "a scan used {peak} KB, over the {MEMORY_CAP_KB} KB cap"
    );
    let text = std::fs::read_to_string(&report_path)
        .unwrap_or_else(|error| panic!("no report ({error}); stderr: {stderr}"));
    Run {
        code: status.code(),
        report: serde_json::from_str(&text).expect("the report is JSON"),
        elapsed,
    }
}

/// The largest peak resident set size (KB) of the children this process has waited for.
/// Linux keeps it per process in `getrusage(RUSAGE_CHILDREN)`; std has no wrapper, so the
/// call is declared here (x86_64 and aarch64 Linux share this layout).
fn children_peak_rss_kb() -> u64 {
    #[repr(C)]
    struct Rusage {
        utime: [i64; 2],
        stime: [i64; 2],
        maxrss: i64,
        rest: [i64; 13],
    }
    extern "C" {
        fn getrusage(who: i32, usage: *mut Rusage) -> i32;
    }
    const RUSAGE_CHILDREN: i32 = -1;
    let mut usage = Rusage {
        utime: [0; 2],
        stime: [0; 2],
        maxrss: 0,
        rest: [0; 13],
    };
    // SAFETY: `usage` is a valid, writable `struct rusage` for the duration of the call.
    let result = unsafe { getrusage(RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(result, 0, "getrusage works on Linux");
    usage.maxrss.max(0) as u64
}

fn notices(report: &serde_json::Value) -> Vec<(String, String)> {
    report["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let path = n["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap().to_string();
            (name, n["message"].as_str().unwrap().to_string())
        })
        .collect()
}

fn message_of(notices: &[(String, String)], name: &str) -> String {
    notices
        .iter()
        .find(|(file, _)| file == name)
        .map(|(_, message)| message.clone())
        .unwrap_or_else(|| panic!("no notice for {name}: {notices:#?}"))
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// Ordinary files with known findings, one per format, that must survive any neighbour.
fn write_ordinary(dir: &Path) -> Vec<&'static str> {
    write(
        dir,
        "ok/volume.yaml",
        "Resources:\n  V:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1\n",
    );
    write(
        dir,
        "ok/tf/main.tf",
        "resource \"aws_ebs_volume\" \"v\" {\n  size = 1\n}\n",
    );
    write(
        dir,
        "ok/pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: app\nspec:\n  containers:\n    - name: c\n      image: nginx:1.25\n      securityContext:\n        privileged: true\n",
    );
    vec![
        "ok/volume.yaml:2:3 AWS-EBS-001",
        "ok/tf/main.tf:1:1 AWS-EBS-001",
        "ok/pod.yaml:11:21 K8S-POD-001",
    ]
}

/// Findings of the ordinary files, as `ok/...:line:col RULE`.
fn ordinary_findings(report: &serde_json::Value, root: &Path) -> Vec<String> {
    let prefix = format!("{}/", root.display());
    let prefix = prefix.trim_start_matches(&format!("{}/", env!("CARGO_MANIFEST_DIR")));
    finding_lines(report)
        .into_iter()
        .filter_map(|line| {
            line.find(prefix)
                .map(|at| line[at + prefix.len()..].to_string())
        })
        .filter(|line| line.starts_with("ok/"))
        .collect()
}

fn assert_ordinary_findings(run: &Run, root: &Path, expected: &[&str]) {
    let found = ordinary_findings(&run.report, root);
    for line in expected {
        assert!(
            found.iter().any(|f| f == line),
            "{line} missing from {found:#?}"
        );
    }
}

#[test]
fn malformed_files_get_their_own_errors() {
    let dir = scratch("hostile-malformed");
    let expected = write_ordinary(&dir);
    write(
        dir.as_path(),
        "binary.yaml",
        b"apiVersion: v1\n\0\x01\x02kind: Pod\xff\xfe",
    );
    write(
        &dir,
        "latin1.yaml",
        b"apiVersion: v1\nkind: Secret\n# caf\xe9\n",
    );
    // Billion laughs: nine aliases per level, twelve levels (9^12 nodes if expanded).
    let mut bomb =
        String::from("apiVersion: v1\nkind: ConfigMap\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        bomb.push_str(&format!(
            "a{level}: &a{level} [{}]\n",
            vec![format!("*a{}", level - 1); 9].join(",")
        ));
    }
    write(&dir, "bomb.yaml", bomb);
    // 10,000 levels in each syntax, in the forms each allows.
    let deep = 10_000;
    write(
        &dir,
        "deep.json",
        format!(
            "{{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}1{}}}",
            "{\"a\": ".repeat(deep),
            "}".repeat(deep)
        ),
    );
    write(
        &dir,
        "deep-flow.yaml",
        format!(
            "apiVersion: v1\nkind: Pod\nspec: {}x{}\n",
            "[".repeat(deep),
            "]".repeat(deep)
        ),
    );
    write(
        &dir,
        "deep-block.yaml",
        format!(
            "apiVersion: v1\nkind: Pod\nspec:\n  {}x\n",
            "- ".repeat(deep)
        ),
    );
    write(
        &dir,
        "deep-blocks/main.tf",
        format!("{}{}", "a {\n".repeat(deep), "}\n".repeat(deep)),
    );
    write(
        &dir,
        "deep-calls/main.tf",
        format!(
            "locals {{\n  x = {}1{}\n}}\n",
            "max(".repeat(deep),
            ")".repeat(deep)
        ),
    );
    write(
        &dir,
        "heredoc/main.tf",
        "locals {\n  x = <<EOT\nnever closed\n",
    );

    let run = scan(&dir, &[]);
    assert_eq!(run.code, Some(2), "an incomplete scan exits 2");
    assert_ordinary_findings(&run, &dir, &expected);
    let notices = notices(&run.report);
    assert!(message_of(&notices, "binary.yaml").contains("binary file (NUL byte at offset 15)"));
    assert!(message_of(&notices, "latin1.yaml").contains("not valid UTF-8"));
    assert!(message_of(&notices, "bomb.yaml").contains("alias bomb"));
    assert!(message_of(&notices, "deep.json").contains("nesting deeper than"));
    for name in ["deep-flow.yaml", "deep-block.yaml"] {
        let message = message_of(&notices, name);
        assert!(
            message.contains("nesting") || message.contains("recursion"),
            "{name}: {message}"
        );
    }
    // Both Terraform files are named main.tf; their directories tell them apart.
    let tf_messages: Vec<&String> = notices
        .iter()
        .filter(|(name, _)| name == "main.tf")
        .map(|(_, message)| message)
        .collect();
    assert_eq!(tf_messages.len(), 3, "{tf_messages:#?}");
    assert!(tf_messages
        .iter()
        .all(|m| m.starts_with("cannot parse Terraform")));
    assert_eq!(
        tf_messages
            .iter()
            .filter(|m| m.contains("nesting deeper than"))
            .count(),
        2
    );
}

#[test]
fn oversized_unreadable_and_looping_paths_are_skipped_with_a_reason() {
    let dir = scratch("hostile-paths");
    let expected = write_ordinary(&dir);
    // 100 MB of valid YAML: refused by size before it is read (the default limit is 64 MiB).
    let big = dir.join("big.yaml");
    {
        use std::io::Write;
        let mut file = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        let line = "key: value value value value value value value value value value\n";
        for _ in 0..(100 * 1024 * 1024 / line.len() + 1) {
            file.write_all(line.as_bytes()).unwrap();
        }
    }
    assert!(std::fs::metadata(&big).unwrap().len() >= 100 * 1024 * 1024);
    // Symbolic link loops: a link to itself, and a directory link back to its parent.
    std::os::unix::fs::symlink("self.yaml", dir.join("self.yaml")).unwrap();
    std::fs::create_dir_all(dir.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("loop/up")).unwrap();
    // Unreadable: mode 000. Root reads it anyway, so what is expected depends on who runs.
    let locked = write(&dir, "locked.yaml", "apiVersion: v1\nkind: Pod\n");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::File::open(&locked).is_ok();

    let run = scan(&dir, &[]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(run.code, Some(2));
    assert_ordinary_findings(&run, &dir, &expected);
    // The loop is not followed: no finding is reported twice.
    let found = ordinary_findings(&run.report, &dir);
    let unique: std::collections::BTreeSet<&String> = found.iter().collect();
    assert_eq!(unique.len(), found.len(), "{found:#?}");
    let notices = notices(&run.report);
    assert!(message_of(&notices, "big.yaml").contains("over the 67108864-byte limit"));
    if readable_anyway {
        assert!(notices.iter().all(|(name, _)| name != "locked.yaml"));
    } else {
        assert!(message_of(&notices, "locked.yaml").contains("cannot read"));
    }
    // Only the big file is an error; the links are skipped quietly.
    assert_eq!(
        notices.len(),
        if readable_anyway { 1 } else { 2 },
        "{notices:#?}"
    );

    // The limit is configurable: at 100 bytes the ordinary pod manifest is refused too.
    let run = scan(&dir, &["--max-file-size", "100"]);
    let notices = self::notices(&run.report);
    assert!(message_of(&notices, "pod.yaml").contains("over the 100-byte limit"));
    assert!(message_of(&notices, "big.yaml").contains("over the 100-byte limit"));
}

#[test]
fn self_referring_and_explosive_evaluation_is_bounded() {
    let dir = scratch("hostile-eval");
    let expected = write_ordinary(&dir);
    write(
        &dir,
        "cycles.yaml",
        r#"AWSTemplateFormatVersion: "2010-09-09"
Conditions:
  Self: !Not [!Condition Self]
  Ping: !And [!Condition Pong, !Equals [a, a]]
  Pong: !Or [!Condition Ping, !Equals [a, b]]
Resources:
  Loop:
    Type: AWS::EC2::Volume
    Condition: Ping
    Properties:
      Size: 1
      Encrypted: !If [Self, true, false]
      Tags:
        - Key: a
          Value: !Sub ["${A}", {A: !Sub ["${B}", {B: !Sub "${A}"}]}]
  Chain:
    Type: AWS::EC2::Volume
    Properties:
      Size: 1
      Encrypted: !Sub "${Chain.Encrypted}"
"#,
    );
    write(
        &dir,
        "self-local/main.tf",
        r#"locals {
  a = local.a
  b = local.c
  c = [local.b, local.b]
}

resource "aws_ebs_volume" "a" {
  size      = 1
  encrypted = local.a
}

resource "aws_ebs_volume" "b" {
  size      = 1
  encrypted = local.c[0]
}
"#,
    );
    write(
        &dir,
        "million/main.tf",
        r#"locals {
  ids     = [for i in range(1000000) : "id-${i}"]
  doubled = flatten([for a in range(1000) : [for b in range(1000) : a * b]])
}

resource "aws_ebs_volume" "v" {
  for_each  = toset(local.ids)
  size      = 1
  encrypted = false
}

resource "aws_ebs_volume" "w" {
  for_each  = toset([for n in local.doubled : tostring(n)])
  size      = 1
  encrypted = false
}
"#,
    );
    // Doubling a list twenty times: a million elements from a few lines.
    let mut doubling = String::from("locals {\n  l0 = [1, 2]\n");
    for i in 1..=20 {
        doubling.push_str(&format!(
            "  l{i} = concat(local.l{}, local.l{})\n",
            i - 1,
            i - 1
        ));
    }
    doubling.push_str(
        "}\n\nresource \"aws_ebs_volume\" \"d\" {\n  size      = length(local.l20)\n  encrypted = false\n}\n",
    );
    write(&dir, "doubling/main.tf", doubling);

    let run = scan(&dir, &[]);
    assert_ordinary_findings(&run, &dir, &expected);
    assert_eq!(
        run.code,
        Some(1),
        "nothing here is an error: bounded evaluation gives unknown values"
    );
    let all = finding_lines(&run.report);
    // Unknown is not insecure: values that cannot be computed never produce findings.
    assert!(!all.iter().any(|f| f.contains("cycles.yaml")), "{all:#?}");
    assert!(!all.iter().any(|f| f.contains("self-local/")), "{all:#?}");
    // Known values still count, even beside a local too costly to evaluate: `encrypted =
    // false` is reported once per resource block, however many instances for_each would make.
    for resource in [
        "million/main.tf:9:",
        "million/main.tf:15:",
        "doubling/main.tf:",
    ] {
        assert!(
            all.iter()
                .any(|f| f.contains(resource) && f.ends_with("AWS-EBS-001")),
            "{resource}: {all:#?}"
        );
    }
    assert!(
        run.elapsed < TIMEOUT,
        "bounded evaluation took {:?}",
        run.elapsed
    );
}

#[test]
fn the_evaluation_budget_is_configurable() {
    let dir = scratch("hostile-budget");
    write(
        &dir,
        "tf/main.tf",
        r#"locals {
  sizes = [for i in range(50) : i * 2]
  off   = length(local.sizes) > 100
}

resource "aws_ebs_volume" "v" {
  size      = 1
  encrypted = local.off
}
"#,
    );
    let computed = |args: &[&str]| {
        let run = scan(&dir, args);
        finding_lines(&run.report)
            .iter()
            .any(|f| f.ends_with("tf/main.tf:8:15 AWS-EBS-001"))
    };
    assert!(computed(&[]), "the default budget computes `local.off`");
    assert!(
        !computed(&["--eval-budget", "20"]),
        "a budget of 20 steps does not reach it, and unknown is not insecure"
    );
}

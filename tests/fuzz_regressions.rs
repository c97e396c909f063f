//! Every input that crashed, hung or exhausted the code path of a fuzz target (`fuzz/`),
//! replayed through that path: `tests/fuzz-regressions/<target>/<name>`. A replay passes when
//! it returns without panicking (errors are fine) within the time a scan of a small file
//! should take. Copy a crash from `fuzz/artifacts/<target>/` here once it is fixed.

use std::path::Path;
use std::time::{Duration, Instant};

use iacguard::parse;
use iacguard::scan::{scan_sources, Options};
use iacguard::source::{FileId, SourceFile};

/// The body of fuzz target `target` (see `fuzz/fuzz_targets/`).
fn replay(target: &str, data: &[u8]) {
    let text = |bytes: &[u8]| std::str::from_utf8(bytes).ok().map(str::to_string);
    match target {
        "yaml" => {
            if let Some(text) = text(data) {
                if let Err(error) = parse::yaml::parse_stream(&text, FileId(0)) {
                    let _ = error.span(FileId(0), &text);
                }
            }
        }
        "json" => {
            if let Some(text) = text(data) {
                if let Err(error) = parse::json::parse(&text, FileId(0)) {
                    let _ = error.span(FileId(0), &text);
                    let _ = parse::json::parse_lenient(&text, FileId(0));
                }
            }
        }
        "hcl" => {
            if let Some(text) = text(data) {
                if let Err(error) = parse::hcl::parse(&text) {
                    let _ = error.span(FileId(0), &text);
                }
            }
        }
        "cloudformation" => {
            if let Some((&selector, rest)) = data.split_first() {
                let name = if selector & 1 == 0 {
                    "template.yaml"
                } else {
                    "template.json"
                };
                if let Some(text) = text(rest) {
                    scan_one(name, text);
                }
            }
        }
        "terraform" => {
            if let Some(text) = text(data) {
                scan_one("main.tf", text);
            }
        }
        other => panic!("no fuzz target named {other}"),
    }
}

fn scan_one(name: &str, text: String) {
    let scan = scan_sources(
        vec![SourceFile::new(None, name.to_string(), text)],
        Vec::new(),
        &Options::default(),
    );
    let _ = iacguard::report::json::render(&scan);
}

#[test]
fn crashing_fuzz_inputs_stay_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut replayed = 0;
    let mut targets: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/fuzz-regressions exists")
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .collect();
    targets.sort_by_key(|entry| entry.file_name());
    for target in targets {
        let name = target.file_name().to_string_lossy().to_string();
        let mut inputs: Vec<_> = std::fs::read_dir(target.path())
            .unwrap()
            .flatten()
            .collect();
        inputs.sort_by_key(|entry| entry.file_name());
        for input in inputs {
            let data = std::fs::read(input.path()).unwrap();
            let started = Instant::now();
            // A panic fails the test with the input's name in the message.
            let outcome = std::panic::catch_unwind(|| replay(&name, &data));
            assert!(
                outcome.is_ok(),
                "{name}/{} panics again",
                input.file_name().to_string_lossy()
            );
            // Generous for the unoptimised test build.
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{name}/{} took {:?}",
                input.file_name().to_string_lossy(),
                started.elapsed()
            );
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "no regression inputs found under {}",
        root.display()
    );
}

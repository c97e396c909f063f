//! Every rule's documentation is complete, and its bad and good examples, per format, run
//! through the whole pipeline: a bad example must raise the rule, a good one must not.

use std::path::Path;

use iacguard::policy::config::Config;
use iacguard::rules::{self, docs};
use iacguard::scan::{scan_sources, Options};
use iacguard::source::SourceFile;

const REQUIRED_SECTIONS: [&str; 5] = [
    "What it does",
    "Why is this bad?",
    "How to fix",
    "Example",
    "References",
];

fn scan_example(format: &str, code: &str) -> iacguard::scan::Scan {
    let name = docs::example_file_name(format)
        .unwrap_or_else(|| panic!("unknown example format `{format}`"));
    let mut options = Options {
        rules: rules::ALL.to_vec(),
        ..Options::default()
    };
    // Organisation policy comes from the command line an example starts with, such as
    // `# iacguard scan --approved-registries registry.example.com`.
    if let Some(list) = code
        .lines()
        .next()
        .and_then(|line| line.split("--approved-registries ").nth(1))
    {
        options.policy.approved_registries = list.split(',').map(str::to_string).collect();
    }
    // Or from configuration lines it starts with, each one line of `.iacguard.toml`:
    // `# .iacguard.toml: policy.allowed_regions = ["eu-west-1"]`.
    let config: Vec<&str> = code
        .lines()
        .map_while(|line| line.strip_prefix("# .iacguard.toml:"))
        .collect();
    if !config.is_empty() {
        let parsed = Config::parse(Path::new("example/.iacguard.toml"), config.join("\n"))
            .unwrap_or_else(|error| panic!("bad configuration in an example: {}", error.message));
        options.policy = parsed.policy;
    }
    let file = SourceFile::new(None, format!("example/{name}"), code.to_string());
    scan_sources(vec![file], Vec::new(), &options)
}

#[test]
fn every_rule_is_documented() {
    for rule in rules::ALL {
        let meta = rule.meta();
        for title in REQUIRED_SECTIONS {
            let body = docs::section(meta.docs, title)
                .unwrap_or_else(|| panic!("{} has no `## {title}` section", meta.id));
            assert!(!body.is_empty(), "{}: `## {title}` is empty", meta.id);
        }
        assert!(!meta.refs.is_empty(), "{} has no references", meta.id);
        assert!(!meta.fix.is_empty(), "{} has no one-line fix", meta.id);
        assert!(
            !docs::summary(meta.docs).is_empty(),
            "{} has no summary",
            meta.id
        );
    }
}

#[test]
fn every_rule_has_bad_and_good_examples_per_format() {
    for rule in rules::ALL {
        let meta = rule.meta();
        let examples = docs::examples(meta.docs);
        assert!(
            examples.iter().any(|e| e.bad),
            "{} has no bad example",
            meta.id
        );
        for example in &examples {
            assert!(
                examples
                    .iter()
                    .any(|other| other.format == example.format && other.bad != example.bad),
                "{}: a `{}` example has no {} counterpart",
                meta.id,
                example.format,
                if example.bad { "good" } else { "bad" }
            );
        }
    }
}

#[test]
fn examples_run_through_the_pipeline() {
    let mut failures = Vec::new();
    for rule in rules::ALL {
        let meta = rule.meta();
        for example in docs::examples(meta.docs) {
            let scan = scan_example(&example.format, &example.code);
            assert!(
                scan.notices.is_empty(),
                "{} {} example did not scan cleanly: {:?}",
                meta.id,
                example.format,
                scan.notices
            );
            assert!(
                scan.files_scanned == 1,
                "{} {} example was not recognised",
                meta.id,
                example.format
            );
            let hits: Vec<_> = scan
                .findings
                .iter()
                .filter(|f| f.rule.id == meta.id)
                .collect();
            if example.bad && hits.is_empty() {
                failures.push(format!(
                    "{} {} bad example raised nothing",
                    meta.id, example.format
                ));
            }
            if !example.bad && !hits.is_empty() {
                failures.push(format!(
                    "{} {} good example raised: {}",
                    meta.id, example.format, hits[0].message
                ));
            }
            for finding in hits {
                // Findings point into the example, at a real place: never an empty span at 0
                // unless the example is one line.
                let file = scan.sources.get(finding.span.file);
                assert!(finding.span.end as usize <= file.text.len());
                assert!(
                    !file.slice(finding.span).trim().is_empty(),
                    "{}: empty span",
                    meta.id
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn readme_rule_table_matches_the_registry() {
    let mut table = String::from("| ID | name | severity | references |\n|---|---|---|---|\n");
    for rule in rules::ALL {
        let meta = rule.meta();
        table.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            meta.id,
            meta.name,
            meta.severity.as_str(),
            meta.refs.join(", ")
        ));
    }
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("<!-- rules:start -->\n").expect("start marker")
        + "<!-- rules:start -->\n".len();
    let end = readme.find("<!-- rules:end -->").expect("end marker");
    assert_eq!(
        &readme[start..end],
        table,
        "update README's rule table to:\n{table}"
    );
}

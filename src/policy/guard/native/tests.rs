//! Differential tests: every case runs through cfn-guard (`engine::evaluate_batch`) and the
//! native evaluator, and the failures must be the same (as sorted lists).

use serde_json::{json, Value};

use super::Program;
use crate::policy::guard::engine::{self, Failure};

fn key(failure: &Failure) -> (String, Option<String>, String) {
    (
        failure.rule.clone(),
        failure.path.clone(),
        failure.message.clone(),
    )
}

fn sorted(mut failures: Vec<Failure>) -> Vec<(String, Option<String>, String)> {
    failures.sort_by_key(key);
    failures.iter().map(key).collect()
}

/// Both evaluators on one rules text and one document; panics with both answers when they
/// differ. Returns whether cfn-guard found failures, for coverage accounting.
fn differential(text: &str, document: &Value) -> bool {
    let tree = engine::parse_tree(text, "t.guard")
        .expect("rules parse")
        .expect("rules present");
    let program = Program::compile(&tree, text).unwrap_or_else(|why| panic!("refused: {why}\n{text}"));
    let (reference, errors) = engine::evaluate_batch(&[text.to_string()], &[document.to_string()]);
    let native = program.evaluate(document);
    match (errors.first(), native) {
        (Some((_, message)), Err(native)) => {
            assert_eq!(message, &native, "error differs\n{text}\n{document}");
            false
        }
        (None, Ok(native)) => {
            let found = !reference.is_empty();
            assert_eq!(
                sorted(reference),
                sorted(native),
                "failures differ\nrules:\n{text}\ndocument: {document}"
            );
            found
        }
        (reference_error, native) => panic!(
            "one evaluator stopped: cfn-guard {reference_error:?}, native {native:?}\nrules:\n{text}\ndocument: {document}",
            native = native.map(sorted)
        ),
    }
}

#[test]
fn a_trivial_rule_agrees() {
    let text = "rule t { Resources exists }\nrule u { Resources.*.Properties.Size > 10 }";
    differential(text, &json!({"Resources": {"A": {"Properties": {"Size": 5}}}}));
    differential(text, &json!({"Other": 1}));
}

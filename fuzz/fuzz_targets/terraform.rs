//! The Terraform evaluator end to end: one `main.tf` module through parsing, evaluation
//! (variables, locals, functions, for expressions, templates), the typed adapters, the rules
//! and the JSON report.
#![no_main]

use iacguard::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    iacguard_fuzz::scan_one(SourceFile::new(None, "main.tf".to_string(), text.to_string()));
});

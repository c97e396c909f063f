//! CloudFormation end to end: a YAML (short-form tags) or JSON template through the
//! intrinsics resolver (Ref, Fn::Sub, Fn::If and conditions, Fn::FindInMap, ...), the typed
//! adapters, the rules and the JSON report. The first byte picks the syntax.
#![no_main]

use iacguard::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let name = if selector & 1 == 0 { "template.yaml" } else { "template.json" };
    iacguard_fuzz::scan_one(SourceFile::new(None, name.to_string(), text.to_string()));
});

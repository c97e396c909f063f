//! The HCL front end (`hcl-edit` behind our nesting guard).
#![no_main]

use iacguard::parse::hcl::parse;
use iacguard::source::FileId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(error) = parse(text) {
            let _ = error.span(FileId(0), text);
        }
    }
});

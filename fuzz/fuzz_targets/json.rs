//! The JSON front end, strict and lenient (the lenient parse decides whether a broken file is
//! reported or skipped).
#![no_main]

use iacguard::parse::json::{parse, parse_lenient};
use iacguard::source::FileId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(error) = parse(text, FileId(0)) {
            let _ = error.span(FileId(0), text);
            let _ = parse_lenient(text, FileId(0));
        }
    }
});

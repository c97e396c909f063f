//! The YAML front end: any bytes, as a multi-document stream. Errors are fine; panics, hangs
//! and runaway memory (alias expansion) are not.
#![no_main]

use iacguard::parse::yaml::parse_stream;
use iacguard::source::FileId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(error) = parse_stream(text, FileId(0)) {
            // The error's span must lie inside the text, or reports would slice out of range.
            let _ = error.span(FileId(0), text);
        }
    }
});

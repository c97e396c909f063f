//! Reading files into memory, refusing what cannot be IaC text.
//!
//! A file over the size limit, with NUL bytes (binary), or not valid UTF-8 is not parsed: it
//! gets an error notice saying exactly why, and the rest of the scan goes on.

use rayon::prelude::*;

use crate::discover::Candidate;
use crate::notice::{Notice, NoticeLevel};
use crate::source::SourceFile;

/// Files larger than this are refused unless `--max-file-size` says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Loads the candidates in parallel, keeping their order.
pub fn load_all(candidates: &[Candidate], max_size: u64) -> Vec<Result<SourceFile, Notice>> {
    candidates
        .par_iter()
        .map(|candidate| load(candidate, max_size))
        .collect()
}

fn load(candidate: &Candidate, max_size: u64) -> Result<SourceFile, Notice> {
    let fail =
        |message: String| Notice::file(NoticeLevel::Error, None, &candidate.display, message);
    let size = std::fs::metadata(&candidate.path)
        .map_err(|error| fail(format!("cannot read: {error}")))?
        .len();
    if size > max_size {
        return Err(fail(format!(
            "file is {} bytes, over the {max_size}-byte limit (--max-file-size); not scanned",
            size
        )));
    }
    let bytes =
        std::fs::read(&candidate.path).map_err(|error| fail(format!("cannot read: {error}")))?;
    let text = decode(bytes).map_err(fail)?;
    Ok(SourceFile::new(
        Some(candidate.path.clone()),
        candidate.display.clone(),
        text,
    ))
}

/// UTF-8 text, or why not. A leading byte-order mark is dropped, as editors write one.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if let Some(position) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "binary file (NUL byte at offset {position}); not scanned"
        ));
    }
    let mut text = String::from_utf8(bytes).map_err(|error| {
        format!(
            "not valid UTF-8 (invalid byte at offset {}); not scanned",
            error.utf8_error().valid_up_to()
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.replace_range(..3, "");
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_invalid_utf8_are_refused_with_offsets() {
        assert!(decode(b"a: 1\n\0\0".to_vec())
            .unwrap_err()
            .contains("offset 5"));
        assert!(decode(b"a: \xff\n".to_vec())
            .unwrap_err()
            .contains("offset 3"));
        assert_eq!(decode(b"\xef\xbb\xbfa: 1".to_vec()).unwrap(), "a: 1");
    }
}

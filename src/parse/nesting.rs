//! A pre-parse check on bracket nesting.
//!
//! `jsonc-parser` and `hcl-edit` are recursive descent parsers: a file with thousands of nested
//! brackets would overflow the stack before they could report anything. One linear pass that
//! counts `[`, `{` and `(` outside strings and comments finds such input first. It may
//! over-count inside HCL heredocs, which only matters beyond [`super::MAX_DEPTH`] levels.

use super::{SyntaxError, MAX_DEPTH};

/// Which comment syntaxes the language has, so brackets inside comments are not counted.
#[derive(Clone, Copy)]
pub enum Comments {
    /// JSON: none.
    None,
    /// HCL: `#`, `//` and `/* */`.
    Hcl,
}

pub fn check_nesting(text: &str, comments: Comments) -> Result<(), SyntaxError> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i + 1),
            b'#' if matches!(comments, Comments::Hcl) => i = skip_line(bytes, i),
            b'/' if matches!(comments, Comments::Hcl) && bytes.get(i + 1) == Some(&b'/') => {
                i = skip_line(bytes, i)
            }
            b'/' if matches!(comments, Comments::Hcl) && bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |end| i + 2 + end + 2)
            }
            b'[' | b'{' | b'(' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(SyntaxError::new(
                        format!("nesting deeper than {MAX_DEPTH} levels; refusing to parse"),
                        i,
                    ));
                }
                i += 1;
            }
            b']' | b'}' | b')' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    Ok(())
}

/// Index just past the closing quote of a string that starts at `i`.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn skip_line(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |end| i + end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_with_its_offset() {
        let text = "[".repeat(MAX_DEPTH + 10);
        let error = check_nesting(&text, Comments::None).unwrap_err();
        assert_eq!(error.offset, MAX_DEPTH);
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let text = format!("\"{}\" # {}\n{{}}", "[".repeat(1000), "{".repeat(1000));
        assert!(check_nesting(&text, Comments::Hcl).is_ok());
    }
}

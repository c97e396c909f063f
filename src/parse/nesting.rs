//! A pre-parse check on bracket nesting.
//!
//! `jsonc-parser` and `hcl-edit` are recursive descent parsers: a file with thousands of nested
//! brackets would overflow the stack before they could report anything. One linear pass that
//! counts `[`, `{` and `(` outside strings, comments and HCL heredocs finds such input first.
//!
//! The same pass refuses HCL that leaves many brackets open at the end: `hcl-edit` backtracks
//! exponentially on some such input (a fuzz target found 665 bytes that took two minutes), and a
//! file that never closes its brackets cannot be valid anyway. The count is approximate (quotes
//! inside template interpolations), so only a wide margin, [`MAX_UNCLOSED`], is refused.

use super::{SyntaxError, MAX_DEPTH};

/// Which comment syntaxes the language has, so brackets inside comments are not counted.
#[derive(Clone, Copy)]
pub enum Comments {
    /// JSON: none.
    None,
    /// HCL: `#`, `//` and `/* */`.
    Hcl,
}

/// Brackets left open at the end of an HCL file beyond which it is refused before parsing.
pub const MAX_UNCLOSED: usize = 16;

pub fn check_nesting(text: &str, comments: Comments) -> Result<(), SyntaxError> {
    let bytes = text.as_bytes();
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i + 1),
            b'<' if matches!(comments, Comments::Hcl) && bytes.get(i + 1) == Some(&b'<') => {
                i = skip_heredoc(text, i)
            }
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
                open.push(i);
                if open.len() > MAX_DEPTH {
                    return Err(SyntaxError::new(
                        format!("nesting deeper than {MAX_DEPTH} levels; refusing to parse"),
                        i,
                    ));
                }
                i += 1;
            }
            b']' | b'}' | b')' => {
                open.pop();
                i += 1;
            }
            _ => i += 1,
        }
    }
    if matches!(comments, Comments::Hcl) && open.len() > MAX_UNCLOSED {
        return Err(SyntaxError::new(
            format!(
                "{} brackets are never closed (the first here); refusing to parse",
                open.len()
            ),
            open[0],
        ));
    }
    Ok(())
}

/// Index just past an HCL heredoc (`<<EOT` or `<<-EOT` up to the line that is `EOT`) starting
/// at `i`; just past `<<` when what follows is not a heredoc opener.
fn skip_heredoc(text: &str, i: usize) -> usize {
    let rest = &text[i + 2..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let name = &rest[..name_len];
    let after_name = &rest[name_len..];
    if name.is_empty() || !(after_name.starts_with('\n') || after_name.starts_with("\r\n")) {
        return i + 2;
    }
    let body_start = text.len() - after_name.len();
    let mut offset = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        offset += line.len();
        if line.trim() == name {
            return offset;
        }
    }
    text.len()
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
    fn many_unclosed_brackets_are_refused_but_heredocs_do_not_count() {
        let text = format!("a = {}1 %\n", "[1 / ".repeat(MAX_UNCLOSED + 1));
        let error = check_nesting(&text, Comments::Hcl).unwrap_err();
        assert_eq!(error.offset, 4);
        let heredoc = format!("a = <<-EOT\n  {}\n  EOT\nb = [1]\n", "[".repeat(100));
        assert!(check_nesting(&heredoc, Comments::Hcl).is_ok());
        // A few unclosed brackets are left to the parser, which says exactly where.
        assert!(check_nesting("a = [[[", Comments::Hcl).is_ok());
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let text = format!("\"{}\" # {}\n{{}}", "[".repeat(1000), "{".repeat(1000));
        assert!(check_nesting(&text, Comments::Hcl).is_ok());
    }
}

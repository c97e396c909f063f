//! A file that could not be parsed, and where.

use crate::source::{FileId, Span};

/// A syntax error: what went wrong and the byte offset where the parser noticed it.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub offset: usize,
}

impl SyntaxError {
    pub fn new(message: impl Into<String>, offset: usize) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            offset,
        }
    }

    /// Where to show the error. Parsers that reach the end of the input report the end, which
    /// no frame can underline, so the last character written is shown instead.
    pub fn span(&self, file: FileId, text: &str) -> Span {
        let mut offset = self.offset.min(text.len());
        if offset == text.len() {
            offset = text.trim_end().len().saturating_sub(1);
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
        }
        let end = text[offset..]
            .chars()
            .next()
            .map_or(offset, |c| offset + c.len_utf8());
        Span::new(file, offset, end)
    }
}

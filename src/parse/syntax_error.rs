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
    /// no frame can underline, so the last character written is shown instead. An offset
    /// inside a multi-byte character (`hcl-edit` reports some) moves to that character's start.
    pub fn span(&self, file: FileId, text: &str) -> Span {
        let mut offset = self.offset.min(text.len());
        if offset == text.len() {
            offset = text.trim_end().len().saturating_sub(1);
        }
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let end = text[offset..]
            .chars()
            .next()
            .map_or(offset, |c| offset + c.len_utf8());
        Span::new(file, offset, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offset_inside_a_character_moves_to_its_start() {
        // Found by the `hcl` fuzz target: hcl-edit reported offset 12, inside `Ѣ` (11..13).
        let text = "ffffff ncff\u{462}";
        let span = SyntaxError::new("x", 12).span(FileId(0), text);
        assert_eq!((span.start, span.end), (11, 13));
    }
}

//! Byte offsets to 1-based lines and columns.
//!
//! Built once per file, on first use, by scanning for newlines. Columns are counted in Unicode
//! scalar values for people (terminal output) and in UTF-16 code units for SARIF, whose default
//! `columnKind` is `utf16CodeUnits`; for ASCII text both are the byte column.

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts; the first is always 0.
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| (i + 1) as u32),
        );
        LineIndex { line_starts }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&(offset as u32)) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where the 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(0) as usize
    }

    /// Line and column (in characters) of a byte offset.
    pub fn position(&self, text: &str, offset: usize) -> LineCol {
        self.position_with(text, offset, |s| s.chars().count())
    }

    /// Line and column (in UTF-16 code units) of a byte offset, as SARIF counts them.
    pub fn position_utf16(&self, text: &str, offset: usize) -> LineCol {
        self.position_with(text, offset, |s| s.encode_utf16().count())
    }

    fn position_with(&self, text: &str, offset: usize, width: impl Fn(&str) -> usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line);
        LineCol {
            line: line + 1,
            column: width(&text[start..offset]) + 1,
        }
    }
}

/// The nearest char boundary at or before `offset`, so that a span never slices a character.
fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based() {
        let text = "a: 1\nbb: 2\n\nc: 3";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(index.position(text, 5), LineCol { line: 2, column: 1 });
        assert_eq!(index.position(text, 9), LineCol { line: 2, column: 5 });
        assert_eq!(index.position(text, 11), LineCol { line: 3, column: 1 });
        assert_eq!(index.position(text, 12), LineCol { line: 4, column: 1 });
        assert_eq!(
            index.position(text, text.len()),
            LineCol { line: 4, column: 5 }
        );
    }

    #[test]
    fn columns_count_characters_and_utf16_units() {
        let text = "é😀x";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.position(text, x).column, 3);
        assert_eq!(index.position_utf16(text, x).column, 4);
        // An offset inside a character is moved to its start rather than panicking.
        assert_eq!(index.position(text, 1).column, 1);
    }
}

//! The files of one scan, loaded once and shared read-only by every stage.

use std::path::PathBuf;
use std::sync::OnceLock;

use super::{LineCol, LineIndex, Span};

/// Index of a file in [`Sources`]. Ids follow the sorted order of the files' display paths, so
/// anything sorted by id is also sorted by path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

#[derive(Debug)]
pub struct SourceFile {
    /// Where the file was read from (`None` for standard input and in-memory sources).
    pub path: Option<PathBuf>,
    /// The path shown to users and written to reports: relative, with `/` separators.
    pub display: String,
    pub text: String,
    line_index: OnceLock<LineIndex>,
}

impl SourceFile {
    pub fn new(path: Option<PathBuf>, display: String, text: String) -> SourceFile {
        SourceFile {
            path,
            display,
            text,
            line_index: OnceLock::new(),
        }
    }

    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(&self.text))
    }

    pub fn position(&self, offset: usize) -> LineCol {
        self.line_index().position(&self.text, offset)
    }

    /// The text a span covers (empty when the span is out of range).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// Every file of a scan, by id.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// Sources from (display path, text) pairs, for tests.
    #[cfg(test)]
    pub fn from_texts(files: &[(&str, &str)]) -> Sources {
        Sources::new(
            files
                .iter()
                .map(|(name, text)| SourceFile::new(None, name.to_string(), text.to_string()))
                .collect(),
        )
    }

    pub fn new(files: Vec<SourceFile>) -> Sources {
        Sources { files }
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn ids(&self) -> impl Iterator<Item = FileId> + '_ {
        (0..self.files.len() as u32).map(FileId)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

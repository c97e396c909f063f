//! Notices: what the scan says about files rather than about resources.
//!
//! A file that could not be read or parsed is an [`NoticeLevel::Error`]: the scan is incomplete
//! and exits with code 2. Warnings and notes explain what was skipped or only partly analysed
//! without failing the scan.

use crate::source::{FileId, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoticeLevel {
    Error,
    Warning,
    Note,
}

impl NoticeLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeLevel::Error => "error",
            NoticeLevel::Warning => "warning",
            NoticeLevel::Note => "note",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub level: NoticeLevel,
    /// The file the notice is about, when it was loaded.
    pub file: Option<FileId>,
    /// The path as shown to users (also for files that could not be loaded).
    pub path: String,
    /// Where in the file, when known.
    pub span: Option<Span>,
    pub message: String,
}

impl Notice {
    /// A problem at a place in a loaded file.
    pub fn at(level: NoticeLevel, span: Span, path: &str, message: impl Into<String>) -> Notice {
        Notice {
            level,
            file: Some(span.file),
            path: path.to_string(),
            span: Some(span),
            message: message.into(),
        }
    }

    /// A problem with a file as a whole, loaded or not.
    pub fn file(
        level: NoticeLevel,
        file: Option<FileId>,
        path: &str,
        message: impl Into<String>,
    ) -> Notice {
        Notice {
            level,
            file,
            path: path.to_string(),
            span: None,
            message: message.into(),
        }
    }
}

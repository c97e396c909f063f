//! A file that could not be parsed, and where.

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
}

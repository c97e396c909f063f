//! Source files and positions.
//!
//! Every file a scan reads is loaded once into [`SourceFile`] and named by a [`FileId`]; every
//! syntax node, model value and finding points back into it with a byte-range [`Span`]. Byte
//! ranges only become line and column at the very end, through the file's [`LineIndex`], so the
//! whole pipeline works with one cheap, exact kind of position.

mod file;
mod line_index;
mod span;

pub use file::{FileId, SourceFile, Sources};
pub use line_index::{LineCol, LineIndex};
pub use span::Span;

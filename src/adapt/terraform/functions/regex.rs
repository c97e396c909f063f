//! Regular expressions in `replace("...", "/pattern/", "...")`.
//!
//! iacguard carries no regular expression engine of Terraform's (RE2) flavour, so a `replace`
//! with a pattern is unknown rather than guessed.

use super::{Call, Outcome};
use crate::parse::Node;

pub fn replace(cx: &Call, _text: &str, pattern: &str, _replacement: &str) -> Outcome {
    Ok(Node::unknown(
        cx.span,
        format!("`replace` with the regular expression /{pattern}/ is not evaluated"),
    ))
}

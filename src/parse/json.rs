//! Strict JSON to spanned [`Node`]s, through `jsonc-parser`'s AST.
//!
//! CloudFormation and Terraform plan files are strict JSON, so comments, trailing commas and the
//! other JSON5 conveniences are refused: a template that CloudFormation would reject should not
//! pass here.

use jsonc_parser::ast::{self, ObjectPropName};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions};

use super::nesting::{check_nesting, Comments};
use super::{Entry, Node, NodeKind, SyntaxError};
use crate::source::{FileId, Span};

pub fn parse(text: &str, file: FileId) -> Result<Node, SyntaxError> {
    check_nesting(text, Comments::None)?;
    let strict = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::Off,
        tokens: false,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &collect, &strict)
        .map_err(|error| SyntaxError::new(error.kind().to_string(), error.range().start))?;
    match parsed.value {
        Some(value) => Ok(convert(&value, file)),
        None => Err(SyntaxError::new("the file holds no JSON value", 0)),
    }
}

/// Parses JSON with comments, trailing commas and the other JSON5 conveniences, for telling a
/// template with a stray comma (an error) from an editor's settings file (not ours to judge).
pub fn parse_lenient(text: &str, file: FileId) -> Option<Node> {
    check_nesting(text, Comments::Hcl).ok()?;
    let parsed =
        jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
            .ok()?;
    parsed.value.map(|value| convert(&value, file))
}

fn convert(value: &ast::Value, file: FileId) -> Node {
    let span = |range: jsonc_parser::common::Range| Span::new(file, range.start, range.end);
    match value {
        ast::Value::StringLit(s) => Node::new(span(s.range), NodeKind::Str(s.value.to_string())),
        ast::Value::NumberLit(n) => Node::new(
            span(n.range),
            NodeKind::Number(n.value.parse().unwrap_or(f64::NAN)),
        ),
        ast::Value::BooleanLit(b) => Node::new(span(b.range), NodeKind::Bool(b.value)),
        ast::Value::NullKeyword(n) => Node::new(span(n.range), NodeKind::Null),
        ast::Value::Array(array) => Node::new(
            span(array.range),
            NodeKind::Seq(array.elements.iter().map(|v| convert(v, file)).collect()),
        ),
        ast::Value::Object(object) => Node::new(
            span(object.range),
            NodeKind::Map(
                object
                    .properties
                    .iter()
                    .map(|prop| {
                        let (key, key_range) = match &prop.name {
                            ObjectPropName::String(s) => (s.value.to_string(), s.range()),
                            ObjectPropName::Word(w) => (w.value.to_string(), w.range()),
                        };
                        Entry {
                            key,
                            key_span: span(key_range),
                            value: convert(&prop.value, file),
                        }
                    })
                    .collect(),
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_byte_ranges() {
        let text = r#"{"Resources": {"V": {"Type": "AWS::EC2::Volume", "Encrypted": false}}}"#;
        let root = parse(text, FileId(0)).unwrap();
        let encrypted = root.path(&["Resources", "V", "Encrypted"]).unwrap();
        assert_eq!(encrypted.as_bool(), Some(false));
        assert_eq!(&text[encrypted.span.range()], "false");
        let key = root
            .path(&["Resources", "V"])
            .unwrap()
            .entry("Type")
            .unwrap()
            .key_span;
        assert_eq!(&text[key.range()], "\"Type\"");
    }

    #[test]
    fn json5_conveniences_are_refused() {
        assert!(parse("{\"a\": 1,}", FileId(0)).is_err());
        assert!(parse("{\"a\": 1 // c\n}", FileId(0)).is_err());
        assert!(parse_lenient("{\"a\": 1 // c\n,}", FileId(0)).is_some());
    }

    #[test]
    fn errors_have_offsets_and_deep_nesting_is_refused() {
        let error = parse("{\n  \"a\": [1, 2\n}", FileId(0)).unwrap_err();
        assert!(error.offset >= 14, "{error:?}");
        assert!(parse(&"[".repeat(100_000), FileId(0)).is_err());
    }
}

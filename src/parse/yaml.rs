//! YAML streams to spanned [`Node`]s, built straight from `saphyr-parser` events.
//!
//! Building our own tree from events (instead of going through `saphyr`'s `MarkedYaml`) keeps one
//! pass and lets us decide the hostile-input policy ourselves: nesting is capped at
//! [`MAX_DEPTH`], aliases may expand to at most [`ALIAS_NODE_BUDGET`] nodes per file (an alias bomb
//! fails instead of eating memory), and merge keys (`<<`) are applied, since Kubernetes and
//! CloudFormation users rely on them. Non-core tags such as `!Ref` are kept as
//! [`NodeKind::Tagged`]. Plain scalars are typed by the YAML 1.2 core schema.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

use super::{Entry, Node, NodeKind, SyntaxError, MAX_DEPTH};
use crate::source::{FileId, Span};

/// How many nodes alias expansion may create in one file.
pub const ALIAS_NODE_BUDGET: usize = 200_000;

/// Parses every document of a YAML stream.
pub fn parse_stream(text: &str, file: FileId) -> Result<Vec<Node>, SyntaxError> {
    let offsets = CharOffsets::new(text);
    let mut builder = Builder {
        file,
        text,
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_budget: ALIAS_NODE_BUDGET,
        documents: Vec::new(),
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|error| {
            SyntaxError::new(error.info(), offsets.byte(error.marker().index()))
        })?;
        let start = offsets.byte(span.start.index());
        let end = offsets.byte(span.end.index());
        builder.on_event(event, start, end)?;
    }
    Ok(builder.documents)
}

/// Converts the parser's character indexes into byte offsets.
struct CharOffsets {
    /// Byte offset of every character, for non-ASCII text; empty when bytes and chars agree.
    byte_of_char: Vec<u32>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str) -> CharOffsets {
        let byte_of_char = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices().map(|(i, _)| i as u32).collect()
        };
        CharOffsets {
            byte_of_char,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.byte_of_char.is_empty() {
            char_index.min(self.len)
        } else {
            self.byte_of_char
                .get(char_index)
                .map_or(self.len, |&b| b as usize)
        }
    }
}

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        tag: Option<String>,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        anchor: usize,
        tag: Option<String>,
        entries: Vec<Entry>,
        /// A key waiting for its value, and whether it was a plain `<<`.
        key: Option<(String, Span, bool)>,
    },
}

struct Builder<'a> {
    file: FileId,
    text: &'a str,
    stack: Vec<Frame>,
    /// Anchored nodes with their size, for alias expansion.
    anchors: HashMap<usize, (Node, usize)>,
    alias_budget: usize,
    documents: Vec<Node>,
}

impl Builder<'_> {
    fn on_event(&mut self, event: Event, start: usize, end: usize) -> Result<(), SyntaxError> {
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                let span = Span::new(self.file, start, end);
                let merge_key = style == ScalarStyle::Plain && value == "<<" && tag.is_none();
                let node = scalar(value, style, tag, span);
                self.complete(node, anchor, merge_key, start)
            }
            Event::SequenceStart(anchor, tag) => {
                self.open(start)?;
                self.stack.push(Frame::Seq {
                    start,
                    anchor,
                    tag: tag.and_then(|t| custom_tag(&t)),
                    items: Vec::new(),
                });
                Ok(())
            }
            Event::MappingStart(anchor, tag) => {
                self.open(start)?;
                self.stack.push(Frame::Map {
                    start,
                    anchor,
                    tag: tag.and_then(|t| custom_tag(&t)),
                    entries: Vec::new(),
                    key: None,
                });
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                let (node, anchor) = self.close(frame, start);
                self.complete(node, anchor, false, start)
            }
            Event::Alias(id) => {
                let Some((node, size)) = self.anchors.get(&id) else {
                    return Err(SyntaxError::new("alias to an unknown anchor", start));
                };
                if *size > self.alias_budget {
                    return Err(SyntaxError::new(
                        format!(
                            "aliases expand to more than {ALIAS_NODE_BUDGET} nodes \
                             (a YAML alias bomb?); refusing to expand"
                        ),
                        start,
                    ));
                }
                self.alias_budget -= *size;
                let node = node.clone();
                self.complete(node, 0, false, start)
            }
            Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd
            | Event::Nothing => Ok(()),
        }
    }

    fn open(&self, offset: usize) -> Result<(), SyntaxError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(SyntaxError::new(
                format!("nesting deeper than {MAX_DEPTH} levels; refusing to parse"),
                offset,
            ));
        }
        Ok(())
    }

    /// Builds the node of a finished collection. Its span runs from its start to its last
    /// child, or to the closing bracket of a flow collection, so trailing blank lines and
    /// comments are not part of it.
    fn close(&self, frame: Frame, end_event_start: usize) -> (Node, usize) {
        let closing_bracket =
            matches!(self.text.as_bytes().get(end_event_start), Some(b']' | b'}'));
        let end_of = |last: Option<Span>, start: usize| {
            if closing_bracket {
                end_event_start + 1
            } else {
                last.map_or(start, |span| span.end as usize)
            }
        };
        let (node, anchor, tag) = match frame {
            Frame::Seq {
                start,
                anchor,
                tag,
                items,
            } => {
                let end = end_of(items.last().map(|n| n.span), start);
                let span = Span::new(self.file, start, end);
                (Node::new(span, NodeKind::Seq(items)), anchor, tag)
            }
            Frame::Map {
                start,
                anchor,
                tag,
                entries,
                ..
            } => {
                let end = end_of(entries.last().map(|e| e.value.span), start);
                let span = Span::new(self.file, start, end);
                (
                    Node::new(span, NodeKind::Map(apply_merge_keys(entries))),
                    anchor,
                    tag,
                )
            }
        };
        let node = match tag {
            Some(tag) => Node::new(node.span, NodeKind::Tagged(tag, Box::new(node))),
            None => node,
        };
        (node, anchor)
    }

    /// Hands a finished node to its parent, or makes it a document.
    fn complete(
        &mut self,
        node: Node,
        anchor: usize,
        merge_key: bool,
        offset: usize,
    ) -> Result<(), SyntaxError> {
        if anchor != 0 {
            let size = node_count(&node);
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.documents.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    let name = match &node.kind {
                        NodeKind::Str(s) => s.clone(),
                        NodeKind::Number(_) | NodeKind::Bool(_) | NodeKind::Null => self
                            .text
                            .get(node.span.range())
                            .unwrap_or_default()
                            .to_string(),
                        _ => {
                            return Err(SyntaxError::new(
                                "complex mapping keys are not supported",
                                offset,
                            ))
                        }
                    };
                    *key = Some((name, node.span, merge_key));
                }
                Some((name, key_span, is_merge)) => entries.push(Entry {
                    key: if is_merge {
                        MERGE_KEY.to_string()
                    } else {
                        name
                    },
                    key_span,
                    value: node,
                }),
            },
        }
        Ok(())
    }
}

/// Marks a `<<` key that was written plain, so a quoted `"<<"` stays an ordinary key.
const MERGE_KEY: &str = "\u{0}<<";

/// Replaces `<<: *anchor` entries by the anchored mappings' entries that the mapping does not
/// set itself. With a list of mappings, earlier ones win, as the merge key type says.
fn apply_merge_keys(entries: Vec<Entry>) -> Vec<Entry> {
    if !entries.iter().any(|e| e.key == MERGE_KEY) {
        return entries;
    }
    let (merges, mut own): (Vec<Entry>, Vec<Entry>) =
        entries.into_iter().partition(|e| e.key == MERGE_KEY);
    for merge in merges {
        let sources: Vec<Node> = match merge.value.kind {
            NodeKind::Map(_) => vec![merge.value],
            NodeKind::Seq(items) => items,
            _ => Vec::new(),
        };
        for source in sources {
            if let NodeKind::Map(inherited) = source.kind {
                for entry in inherited {
                    if !own.iter().any(|e| e.key == entry.key) {
                        own.push(entry);
                    }
                }
            }
        }
    }
    own
}

fn node_count(node: &Node) -> usize {
    1 + match &node.kind {
        NodeKind::Seq(items) => items.iter().map(node_count).sum(),
        NodeKind::Map(entries) => entries.iter().map(|e| 1 + node_count(&e.value)).sum(),
        NodeKind::Tagged(_, inner) => node_count(inner),
        _ => 0,
    }
}

/// A tag that is not from the core schema, as written (`!Ref`), or `None` for core tags.
fn custom_tag(tag: &Tag) -> Option<String> {
    if tag.is_yaml_core_schema() {
        None
    } else {
        Some(format!("{}{}", tag.handle, tag.suffix))
    }
}

fn scalar(value: Cow<str>, style: ScalarStyle, tag: Option<Cow<Tag>>, span: Span) -> Node {
    let kind = match tag.as_deref() {
        Some(t) if t.is_yaml_core_schema() && t.suffix == "str" => {
            NodeKind::Str(value.into_owned())
        }
        Some(t) if t.is_yaml_core_schema() => resolve_plain(&value),
        _ if style != ScalarStyle::Plain => NodeKind::Str(value.into_owned()),
        _ => resolve_plain(&value),
    };
    let node = Node::new(span, kind);
    match tag.as_ref().and_then(|t| custom_tag(t)) {
        Some(name) => Node::new(span, NodeKind::Tagged(name, Box::new(node))),
        None => node,
    }
}

/// Types a plain scalar by the YAML 1.2 core schema.
fn resolve_plain(value: &str) -> NodeKind {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return NodeKind::Null,
        "true" | "True" | "TRUE" => return NodeKind::Bool(true),
        "false" | "False" | "FALSE" => return NodeKind::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return NodeKind::Number(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return NodeKind::Number(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return NodeKind::Number(f64::NAN),
        _ => {}
    }
    if let Some(number) = parse_core_number(value) {
        return NodeKind::Number(number);
    }
    NodeKind::Str(value.to_string())
}

fn parse_core_number(value: &str) -> Option<f64> {
    if let Some(octal) = value.strip_prefix("0o") {
        return i64::from_str_radix(octal, 8).ok().map(|n| n as f64);
    }
    if let Some(hex) = value.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok().map(|n| n as f64);
    }
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    let starts_like_number = digits.starts_with(|c: char| c.is_ascii_digit())
        || (digits.starts_with('.') && digits[1..].starts_with(|c: char| c.is_ascii_digit()));
    let only_number_chars = digits
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'));
    if starts_like_number && only_number_chars {
        value.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Node> {
        parse_stream(text, FileId(0)).expect("valid YAML")
    }

    fn text_of<'a>(text: &'a str, node: &Node) -> &'a str {
        &text[node.span.range()]
    }

    #[test]
    fn scalars_are_typed_by_the_core_schema() {
        let docs = parse("a: true\nb: \"true\"\nc: 0\nd: 1.5\ne: ~\nf: yes\ng: 0x1F\nh: 1.2.3\n");
        let doc = &docs[0];
        assert_eq!(doc.get("a").unwrap().as_bool(), Some(true));
        assert_eq!(doc.get("b").unwrap().as_str(), Some("true"));
        assert_eq!(doc.get("c").unwrap().as_f64(), Some(0.0));
        assert_eq!(doc.get("d").unwrap().as_f64(), Some(1.5));
        assert!(doc.get("e").unwrap().is_null());
        assert_eq!(doc.get("f").unwrap().as_str(), Some("yes"));
        assert_eq!(doc.get("g").unwrap().as_f64(), Some(31.0));
        assert_eq!(doc.get("h").unwrap().as_str(), Some("1.2.3"));
    }

    #[test]
    fn spans_cover_values_and_keys() {
        let text = "kind: Pod\nspec:\n  containers:\n    - name: app\n      image: \"nginx\"\n";
        let doc = &parse(text)[0];
        let spec = doc.get("spec").unwrap();
        let container = &spec.get("containers").unwrap().as_seq().unwrap()[0];
        assert_eq!(text_of(text, container.get("name").unwrap()), "app");
        assert_eq!(text_of(text, container.get("image").unwrap()), "\"nginx\"");
        assert_eq!(
            text_of(text, &spec.entry("containers").unwrap().value),
            "- name: app\n      image: \"nginx\""
        );
        assert_eq!(text_of(text, doc), &text[..text.len() - 1]);
        let key_span = doc.entry("spec").unwrap().key_span;
        assert_eq!(&text[key_span.range()], "spec");
    }

    #[test]
    fn spans_are_byte_offsets_after_non_ascii_text() {
        let text = "# héllo wörld\nname: café\nimage: x\n";
        let doc = &parse(text)[0];
        assert_eq!(text_of(text, doc.get("name").unwrap()), "café");
        assert_eq!(text_of(text, doc.get("image").unwrap()), "x");
    }

    #[test]
    fn flow_collections_end_at_their_bracket() {
        let text = "a: [1, 2]\nb: {c: d}\n";
        let doc = &parse(text)[0];
        assert_eq!(text_of(text, doc.get("a").unwrap()), "[1, 2]");
        assert_eq!(text_of(text, doc.get("b").unwrap()), "{c: d}");
    }

    #[test]
    fn custom_tags_are_kept() {
        let text = "A: !Ref Foo\nB: !GetAtt [Key, Arn]\nC: !!str 12\n";
        let doc = &parse(text)[0];
        match &doc.get("A").unwrap().kind {
            NodeKind::Tagged(tag, inner) => {
                assert_eq!(tag, "!Ref");
                assert_eq!(inner.as_str(), Some("Foo"));
            }
            other => panic!("expected a tag, got {other:?}"),
        }
        assert!(
            matches!(&doc.get("B").unwrap().kind, NodeKind::Tagged(t, inner)
            if t == "!GetAtt" && inner.as_seq().is_some())
        );
        assert_eq!(doc.get("C").unwrap().as_str(), Some("12"));
    }

    #[test]
    fn multi_document_streams() {
        let docs = parse("a: 1\n---\nb: 2\n---\n");
        assert_eq!(docs.len(), 3);
        assert!(docs[1].get("b").is_some());
    }

    #[test]
    fn merge_keys_are_applied_and_own_keys_win() {
        let text = "base: &base\n  a: 1\n  b: 2\nuse:\n  <<: *base\n  b: 3\nquoted:\n  \"<<\": x\n";
        let doc = &parse(text)[0];
        let merged = doc.get("use").unwrap();
        assert_eq!(merged.get("a").unwrap().as_f64(), Some(1.0));
        assert_eq!(merged.get("b").unwrap().as_f64(), Some(3.0));
        assert!(merged.get("<<").is_none());
        assert_eq!(
            doc.get("quoted").unwrap().get("<<").unwrap().as_str(),
            Some("x")
        );
    }

    #[test]
    fn alias_bombs_fail_instead_of_expanding() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for level in 1..10 {
            let prev = level - 1;
            text.push_str(&format!(
                "a{level}: &a{level} [{}]\n",
                vec![format!("*a{prev}"); 9].join(", ")
            ));
        }
        let error = parse_stream(&text, FileId(0)).unwrap_err();
        assert!(error.message.contains("alias bomb"), "{}", error.message);
    }

    #[test]
    fn deep_nesting_fails_cleanly() {
        let text = "[".repeat(10_000);
        assert!(parse_stream(&text, FileId(0)).is_err());
        let mut block = String::new();
        for depth in 0..(MAX_DEPTH + 5) {
            block.push_str(&" ".repeat(depth));
            block.push_str("k:\n");
        }
        let error = parse_stream(&block, FileId(0)).unwrap_err();
        assert!(error.message.contains("nesting"), "{}", error.message);
    }

    #[test]
    fn syntax_errors_carry_their_offset() {
        let text = "a: 1\nb: [1, 2\nc: 3\n";
        let error = parse_stream(text, FileId(0)).unwrap_err();
        assert!(error.offset > 4, "{error:?}");
    }
}

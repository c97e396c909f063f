//! `.tf.json` files: Terraform configuration in JSON syntax, read into the same `hcl-edit`
//! tree as `.tf` files so the evaluator, variables, locals and modules treat both alike.
//!
//! `hcl-edit` only lets its parser set spans, and findings must point into the JSON file. So
//! the JSON text is rewritten, byte for byte in place, into an HCL object expression: every
//! key that is an identifier loses its quotes (two spaces instead), everything else stays as
//! written. JSON values are valid HCL expressions and HCL objects accept `"key": value`, so
//! the result parses with every expression, string template (`"${var.x}"`) and key at the same
//! byte offsets as in the JSON. The parsed object is then regrouped into blocks the way
//! Terraform's JSON syntax defines them (`{"resource": {"TYPE": {"NAME": {...}}}}` is
//! `resource "TYPE" "NAME" {...}`), moving the parsed, spanned keys into place:
//!
//! - a block's keyword takes the span of its last label, so a resource's header is its name
//!   in the JSON (the line a reader looks for), not the shared `"resource"` key;
//! - nested blocks stay attributes holding objects, which evaluate to the same tree as
//!   blocks; a list of objects is spread into repeated blocks by
//!   [`super::typed::normalize`]; `dynamic` blocks become real blocks with their `content`;
//! - `"//"` keys are comments: they are not identifiers, so they are skipped, as Terraform
//!   skips them; so is anything else whose key is not an identifier.
//!
//! Blocks other than `resource`, `data`, `variable`, `locals`, `module`, `output` and
//! `provider` (`terraform`, `moved`, ...) are not needed by the analysis and are left out.

use hcl_edit::expr::{Expression, Object, ObjectKey};
use hcl_edit::structure::{Attribute, Block, BlockLabel, Body};
use hcl_edit::{Decorated, Ident};

use crate::parse::{self, Node, NodeKind, SyntaxError};
use crate::source::FileId;

/// How many labels each top-level block type has in Terraform's JSON syntax.
const BLOCK_LABELS: &[(&str, usize)] = &[
    ("data", 2),
    ("locals", 0),
    ("module", 1),
    ("output", 1),
    ("provider", 1),
    ("resource", 2),
    ("variable", 1),
];

/// Parses a `.tf.json` file into a body of blocks spanned in the JSON text.
pub fn parse(text: &str, file: FileId) -> Result<Body, SyntaxError> {
    let json = parse::json::parse(text, file)?;
    if json.as_map().is_none() {
        return Err(SyntaxError::new(
            "a Terraform JSON file holds one object",
            json.span.start as usize,
        ));
    }
    let hcl_text = unquote_keys(text, &json);
    // Offsets are kept: only whitespace after the object is cut (the parser refuses newlines there).
    let expr = hcl_edit::parser::parse_expr(hcl_text.trim_end()).map_err(|error| {
        SyntaxError::new(
            format!(
                "not valid as Terraform JSON: {}",
                error
                    .message()
                    .lines()
                    .next()
                    .unwrap_or("invalid expression")
            ),
            error.location().offset(),
        )
    })?;
    let Expression::Object(root) = expr else {
        return Err(SyntaxError::new(
            "a Terraform JSON file holds one object",
            0,
        ));
    };
    let mut body = Body::new();
    for (key, value) in root {
        let Some(ident) = key_ident(&key) else {
            continue;
        };
        let Some((_, labels)) = BLOCK_LABELS
            .iter()
            .find(|(name, _)| *name == ident.as_str())
        else {
            continue;
        };
        blocks(&ident, *labels, value.into_expr(), Vec::new(), &mut body);
    }
    Ok(body)
}

/// The JSON text with the quotes of identifier keys blanked; same length, same offsets.
fn unquote_keys(text: &str, json: &Node) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let mut stack = vec![json];
    while let Some(node) = stack.pop() {
        match &node.kind {
            NodeKind::Map(entries) => {
                for entry in entries {
                    let range = entry.key_span.range();
                    let written = text.get(range.start + 1..range.end.saturating_sub(1));
                    if written == Some(entry.key.as_str()) && is_identifier(&entry.key) {
                        bytes[range.start] = b' ';
                        bytes[range.end - 1] = b' ';
                    } else {
                        unescape_slashes(&mut bytes, range);
                    }
                    stack.push(&entry.value);
                }
            }
            NodeKind::Seq(items) => stack.extend(items),
            NodeKind::Str(decoded) => {
                let range = node.span.range();
                if let Some(rewritten) = text
                    .get(range.clone())
                    .and_then(|raw| rewrite_string(raw, decoded))
                {
                    let mut rewritten = rewritten.into_bytes();
                    rewritten.resize(range.len(), b' ');
                    bytes[range].copy_from_slice(&rewritten);
                }
            }
            _ => {}
        }
    }
    // A variable's `type` is a type expression written as a string.
    for variable in blocks_of(json.get("variable")) {
        if let Some(node) = variable.get("type") {
            let range = node.span.range();
            let inner = text.get(range.start + 1..range.end.saturating_sub(1));
            if inner.is_some_and(|t| !t.contains('\\') && hcl_edit::parser::parse_expr(t).is_ok()) {
                bytes[range.start] = b' ';
                bytes[range.end - 1] = b' ';
            }
        }
    }
    // Only ASCII quotes were replaced by ASCII spaces.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// The bodies under a label map (`{"NAME": {...}}` or a list of such maps).
fn blocks_of(node: Option<&Node>) -> Vec<&Node> {
    let mut out = Vec::new();
    let maps: Vec<&Node> = match node.map(|n| &n.kind) {
        Some(NodeKind::Seq(items)) => items.iter().collect(),
        Some(NodeKind::Map(_)) => node.into_iter().collect(),
        _ => Vec::new(),
    };
    for map in maps {
        for entry in map.as_map().unwrap_or_default() {
            match &entry.value.kind {
                NodeKind::Seq(items) => out.extend(items),
                NodeKind::Map(_) => out.push(&entry.value),
                _ => {}
            }
        }
    }
    out
}

/// A JSON string as an HCL expression no longer than the JSON text (`None`: keep it as
/// written). In Terraform's JSON syntax a string is a template whose text is the *decoded*
/// string, so JSON escapes inside `${...}` (`"${lookup(var.m, \"k\")}"`) must be undone; and a
/// string that is a single interpolation (`"${var.tags}"`) is that expression's value, not
/// text, so it is written as the bare expression. Offsets after an escape move left by the
/// bytes saved, within the string.
fn rewrite_string(raw: &str, decoded: &str) -> Option<String> {
    if let Some(inner) = single_interpolation(decoded) {
        // An attribute's expression must start on its line: a multi-line one stays a template.
        if !inner.contains(['\n', '\r']) && hcl_edit::parser::parse_expr(inner).is_ok() {
            // `"${` becomes spaces, so the expression keeps its offsets when nothing in it
            // was escaped; `}"` is padding.
            let lead = if raw.contains('\\') { "" } else { "   " };
            let text = format!("{lead}{inner}");
            return (text.len() <= raw.len()).then_some(text);
        }
    }
    if !raw.contains('\\') {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    out.push('"');
    for (part, is_interpolation) in template_parts(decoded) {
        if is_interpolation {
            out.push_str(part);
            continue;
        }
        for c in part.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
    }
    out.push('"');
    (out.len() <= raw.len()).then_some(out)
}

/// The expression of a template that is exactly one `${...}`.
fn single_interpolation(template: &str) -> Option<&str> {
    let parts = template_parts(template);
    match parts.as_slice() {
        [(part, true)]
            if part.starts_with("${") && !part.starts_with("${~") && !part.ends_with("~}") =>
        {
            part.get(2..part.len() - 1)
        }
        _ => None,
    }
}

/// A template split into literal text and `${...}` / `%{...}` sequences (`true`), which keep
/// nested braces and quoted strings whole. `$${` and `%%{` are literal.
fn template_parts(template: &str) -> Vec<(&str, bool)> {
    let mut parts = Vec::new();
    let bytes = template.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let opens = matches!(bytes[i], b'$' | b'%') && bytes.get(i + 1) == Some(&b'{');
        let escaped = i > 0 && bytes[i - 1] == bytes[i] && matches!(bytes[i], b'$' | b'%');
        if !opens || escaped {
            i += 1;
            continue;
        }
        if start < i {
            parts.push((&template[start..i], false));
        }
        let mut depth = 0;
        let mut in_string = false;
        let mut backslash = false;
        let mut j = i + 1;
        while j < bytes.len() {
            let b = bytes[j];
            if in_string {
                match b {
                    _ if backslash => backslash = false,
                    b'\\' => backslash = true,
                    b'"' => in_string = false,
                    _ => {}
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            j += 1;
        }
        let end = (j + 1).min(bytes.len());
        parts.push((&template[i..end], true));
        start = end;
        i = end;
    }
    if start < bytes.len() {
        parts.push((&template[start..], false));
    }
    parts
}

/// JSON may escape `/` as `\/`, HCL may not: the string is rewritten with a plain `/`, shorter,
/// and padded with spaces after its closing quote so that everything after it keeps its offset.
fn unescape_slashes(bytes: &mut [u8], range: std::ops::Range<usize>) {
    let Some(written) = bytes.get(range.clone()) else {
        return;
    };
    if !written.windows(2).any(|pair| pair == b"\\/") {
        return;
    }
    let mut rewritten = Vec::with_capacity(written.len());
    let mut i = 0;
    while i < written.len() {
        match (written[i], written.get(i + 1)) {
            (b'\\', Some(b'/')) => {
                rewritten.push(b'/');
                i += 2;
            }
            (b'\\', Some(&next)) => {
                rewritten.extend([b'\\', next]);
                i += 2;
            }
            (byte, _) => {
                rewritten.push(byte);
                i += 1;
            }
        }
    }
    rewritten.resize(written.len(), b' ');
    bytes[range].copy_from_slice(&rewritten);
}

/// An HCL identifier that cannot be mistaken for a keyword in an object.
fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !matches!(key, "true" | "false" | "null" | "for" | "in" | "if")
}

/// The identifier of an unquoted key, with its span.
fn key_ident(key: &ObjectKey) -> Option<Decorated<Ident>> {
    match key {
        ObjectKey::Ident(ident) => Some(ident.clone()),
        ObjectKey::Expression(_) => None,
    }
}

/// A label: Terraform names types, resources, variables and modules with identifiers.
fn label(key: &ObjectKey) -> Option<Decorated<Ident>> {
    key_ident(key)
}

/// Blocks of type `keyword` from `value`, which nests `remaining` more levels of labels
/// (objects keyed by label) before the bodies. A list of objects at any level stands for
/// several of them.
fn blocks(
    keyword: &Decorated<Ident>,
    remaining: usize,
    value: Expression,
    labels: Vec<Decorated<Ident>>,
    out: &mut Body,
) {
    match value {
        Expression::Array(items) => {
            for item in items {
                blocks(keyword, remaining, item, labels.clone(), out);
            }
        }
        Expression::Object(object) if remaining > 0 => {
            for (key, value) in object {
                let Some(next) = label(&key) else { continue };
                let mut labels = labels.clone();
                labels.push(next);
                blocks(keyword, remaining - 1, value.into_expr(), labels, out);
            }
        }
        Expression::Object(object) => out.push(block(keyword, labels, object)),
        _ => {}
    }
}

/// One block. Its keyword takes the span of the last label (of the keyword's key for a block
/// without labels), so that the header is where the JSON names the block.
fn block(keyword: &Decorated<Ident>, labels: Vec<Decorated<Ident>>, object: Object) -> Block {
    let mut ident = labels.last().cloned().unwrap_or_else(|| keyword.clone());
    *ident.value_mut() = keyword.value().clone();
    let in_resource = matches!(keyword.as_str(), "resource" | "data");
    let mut block = Block::new(ident);
    block.labels = labels.into_iter().map(BlockLabel::Ident).collect();
    block.body = body(object, in_resource);
    block
}

/// A block body: attributes, and `dynamic` blocks in resources.
fn body(object: Object, in_resource: bool) -> Body {
    let mut body = Body::new();
    for (key, value) in object {
        let Some(ident) = key_ident(&key) else {
            continue;
        };
        match (ident.as_str(), value.into_expr()) {
            ("dynamic", Expression::Object(dynamic)) if in_resource => {
                for (name, spec) in dynamic {
                    let (Some(name), Expression::Object(spec)) = (label(&name), spec.into_expr())
                    else {
                        continue;
                    };
                    body.push(dynamic_block(&ident, name, spec));
                }
            }
            (_, expr) => body.push(Attribute::new(ident, expr)),
        }
    }
    body
}

/// `"dynamic": {"NAME": {"for_each": ..., "content": {...}}}` as `dynamic "NAME" { ... }`.
fn dynamic_block(keyword: &Decorated<Ident>, name: Decorated<Ident>, spec: Object) -> Block {
    let mut block = block(keyword, vec![name], Object::new());
    for (key, value) in spec {
        let Some(ident) = key_ident(&key) else {
            continue;
        };
        match (ident.as_str(), value.into_expr()) {
            ("content", Expression::Object(content)) => {
                let mut content_block = Block::new(ident);
                content_block.body = body(content, true);
                block.body.push(content_block);
            }
            (_, expr) => block.body.push(Attribute::new(ident, expr)),
        }
    }
    block
}

/// Whether a Terraform file is in JSON syntax (`.tf.json`).
pub fn is_json(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".tf.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks_of(text: &str) -> Vec<String> {
        let body = parse(text, FileId(0)).unwrap();
        body.blocks()
            .map(|block| {
                let labels: Vec<&str> = block.labels.iter().map(|l| l.as_str()).collect();
                let attributes: Vec<&str> =
                    block.body.attributes().map(|a| a.key.as_str()).collect();
                let inner: Vec<&str> = block.body.blocks().map(|b| b.ident.as_str()).collect();
                format!(
                    "{} {labels:?} {attributes:?} {inner:?}",
                    block.ident.as_str()
                )
            })
            .collect()
    }

    #[test]
    fn json_blocks_become_hcl_blocks() {
        let text = r#"{"variable": {"a": {"default": 1}, "b": [{"type": "string"}]},
            "locals": [{"x": 1}, {"y": 2}],
            "//": "a comment",
            "provider": {"aws": {"region": "eu-west-1"}},
            "resource": {"aws_security_group": {"sg": {
                "//": "comment", "name": "sg",
                "dynamic": {"ingress": {"for_each": "${var.rules}", "content": {"from_port": 22}}}}}}}"#;
        assert_eq!(
            blocks_of(text),
            [
                r#"variable ["a"] ["default"] []"#,
                r#"variable ["b"] ["type"] []"#,
                r#"locals [] ["x"] []"#,
                r#"locals [] ["y"] []"#,
                r#"provider ["aws"] ["region"] []"#,
                r#"resource ["aws_security_group", "sg"] ["name"] ["dynamic"]"#,
            ]
        );
    }

    #[test]
    fn spans_point_into_the_json() {
        let text = "{\n  \"resource\": {\n    \"aws_ebs_volume\": {\n      \"v\": {\"encrypted\": \"${var.e}\"}\n    }\n  }\n}\n";
        let body = parse(text, FileId(0)).unwrap();
        let block = body.blocks().next().unwrap();
        let span = |s: Option<std::ops::Range<usize>>| &text[s.unwrap()];
        use hcl_edit::Span as _;
        assert_eq!(span(block.ident.span()), "v");
        let attribute = block.body.attributes().next().unwrap();
        assert_eq!(span(attribute.key.span()), "encrypted");
        assert_eq!(span(attribute.value.span()), "var.e");
    }

    #[test]
    fn broken_or_odd_json_is_an_error_with_an_offset() {
        assert!(parse("{\"resource\": ", FileId(0)).is_err());
        assert!(parse("[1]", FileId(0)).is_err());
        assert!(parse("{}", FileId(0)).unwrap().blocks().next().is_none());
        // `\/` is JSON only; `\\/` is a backslash and a slash.
        let body = parse(
            r#"{"locals": {"a": "x\/y", "b": "x\\/y", "c/\/d": 1, "e": 2}}"#,
            FileId(0),
        )
        .unwrap();
        let locals = body.blocks().next().unwrap();
        let keys: Vec<&str> = locals.body.attributes().map(|a| a.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "e"]);
    }

    #[test]
    fn strings_are_templates_of_their_decoded_text() {
        assert_eq!(
            template_parts(r#"a${f("}", x)}b$${c}%{if y}d%{endif}"#),
            [
                ("a", false),
                (r#"${f("}", x)}"#, true),
                ("b$${c}", false),
                ("%{if y}", true),
                ("d", false),
                ("%{endif}", true)
            ]
        );
        // A single interpolation is its expression's value, at the same offsets.
        assert_eq!(
            rewrite_string(r#""${var.tags}""#, "${var.tags}").as_deref(),
            Some("   var.tags")
        );
        // JSON escapes inside an interpolation are undone, literal text is escaped for HCL.
        assert_eq!(
            rewrite_string(r#""${lookup(var.m, \"k\")}""#, r#"${lookup(var.m, "k")}"#).as_deref(),
            Some(r#"lookup(var.m, "k")"#)
        );
        assert_eq!(
            rewrite_string(r#""say \"${var.x}\" \/ \u00e9""#, r#"say "${var.x}" / é"#).as_deref(),
            Some(r#""say \"${var.x}\" / é""#)
        );
        assert_eq!(rewrite_string(r#""plain""#, "plain"), None);
        let body = parse(
            r#"{"variable": {"v": {"type": "list(string)", "default": "${\"x\"}"}}}"#,
            FileId(0),
        )
        .unwrap();
        let variable = body.blocks().next().unwrap();
        let kinds: Vec<bool> = variable
            .body
            .attributes()
            .map(|a| matches!(a.value, Expression::FuncCall(_)))
            .collect();
        assert_eq!(kinds, [true, false]);
    }
}

//! Encoding functions: `jsonencode`, `jsondecode`, `yamldecode`, `base64encode`,
//! `base64decode`, `urlencode`.
//!
//! `jsonencode` writes what Terraform writes (compact, object keys sorted, `<`, `>` and `&`
//! escaped as `\u003c` ...), so policy documents built with it read the same as after a plan.

use super::convert::{number_text, unique_entries};
use super::{Call, Outcome, MAX_ELEMENTS, MAX_STRING};
use crate::parse::{Entry, Node, NodeKind};
use crate::source::Span;

pub fn jsonencode(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    if let Some(unknown) = cx.partly_unknown(&[0]) {
        return Ok(unknown);
    }
    let text = json_text(cx.arg(0))?;
    Ok(cx.string(text))
}

/// A known value as Terraform's JSON.
pub fn json_text(node: &Node) -> Result<String, String> {
    let mut out = String::new();
    write_json(node, &mut out)?;
    Ok(out)
}

fn write_json(node: &Node, out: &mut String) -> Result<(), String> {
    if out.len() > MAX_STRING {
        return Err("the JSON text would be too large".to_string());
    }
    match &node.kind {
        NodeKind::Null => out.push_str("null"),
        NodeKind::Bool(b) => out.push_str(&b.to_string()),
        NodeKind::Number(n) => out.push_str(&number_text(*n)),
        NodeKind::Str(s) => write_json_string(s, out),
        NodeKind::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out)?;
            }
            out.push(']');
        }
        NodeKind::Map(entries) => {
            out.push('{');
            for (i, entry) in unique_entries(entries).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_string(&entry.key, out);
                out.push(':');
                write_json(&entry.value, out)?;
            }
            out.push('}');
        }
        NodeKind::Tagged(..) => return Err("a tagged value has no JSON form".to_string()),
        NodeKind::Unknown(reason) => return Err(reason.clone()),
    }
    Ok(())
}

/// A JSON string as Go's encoder writes it (HTML-sensitive characters escaped).
fn write_json_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// JSON text to a value; every part is spanned at the call.
pub fn jsondecode(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    let text = cx.text(0)?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("`jsondecode`: invalid JSON: {e}"))?;
    let mut budget = MAX_ELEMENTS;
    let Some(mut node) = from_json(&value, cx.span, &mut budget) else {
        return Ok(Node::unknown(cx.span, super::too_large(cx.name)));
    };
    node.via = super::via_of(cx.args.iter());
    Ok(node)
}

fn from_json(value: &serde_json::Value, span: Span, budget: &mut usize) -> Option<Node> {
    *budget = budget.checked_sub(1)?;
    let kind = match value {
        serde_json::Value::Null => NodeKind::Null,
        serde_json::Value::Bool(b) => NodeKind::Bool(*b),
        serde_json::Value::Number(n) => NodeKind::Number(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => NodeKind::Str(s.clone()),
        serde_json::Value::Array(items) => NodeKind::Seq(
            items
                .iter()
                .map(|item| from_json(item, span, budget))
                .collect::<Option<_>>()?,
        ),
        serde_json::Value::Object(object) => NodeKind::Map(
            object
                .iter()
                .map(|(key, value)| {
                    Some(Entry {
                        key: key.clone(),
                        key_span: span,
                        value: from_json(value, span, budget)?,
                    })
                })
                .collect::<Option<_>>()?,
        ),
    };
    Some(Node::new(span, kind))
}

/// YAML text (one document) to a value, through the scanner's own YAML parser; every part is
/// spanned at the call. Custom tags have no Terraform meaning and are unknown.
pub fn yamldecode(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    let text = cx.text(0)?;
    let documents = crate::parse::yaml::parse_stream(&text, cx.span.file)
        .map_err(|error| format!("`yamldecode`: invalid YAML: {}", error.message))?;
    let mut node = match documents.as_slice() {
        [] => Node::new(cx.span, NodeKind::Null),
        [document] => document.clone(),
        _ => return Err("`yamldecode`: the text holds more than one document".to_string()),
    };
    let mut budget = MAX_ELEMENTS;
    if !respan(&mut node, cx.span, &mut budget) {
        return Ok(Node::unknown(cx.span, super::too_large(cx.name)));
    }
    node.via = super::via_of(cx.args.iter());
    Ok(node)
}

/// Places every part of a decoded value at `span`; false when it has too many parts.
fn respan(node: &mut Node, span: Span, budget: &mut usize) -> bool {
    let Some(left) = budget.checked_sub(1) else {
        return false;
    };
    *budget = left;
    node.span = span;
    node.via.clear();
    match &mut node.kind {
        NodeKind::Seq(items) => items.iter_mut().all(|item| respan(item, span, budget)),
        NodeKind::Map(entries) => entries.iter_mut().all(|entry| {
            entry.key_span = span;
            respan(&mut entry.value, span, budget)
        }),
        NodeKind::Tagged(tag, _) => {
            node.kind = NodeKind::Unknown(format!("the YAML tag `{tag}` has no Terraform value"));
            true
        }
        _ => true,
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn base64encode(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    Ok(cx.string(base64(cx.text(0)?.as_bytes())))
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(BASE64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn base64decode(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    let text = cx.text(0)?;
    let bytes = decode_base64(&text)
        .ok_or_else(|| "`base64decode`: the string is not valid base64".to_string())?;
    let decoded = String::from_utf8(bytes)
        .map_err(|_| "`base64decode`: the decoded bytes are not UTF-8".to_string())?;
    Ok(cx.string(decoded))
}

fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in text.bytes() {
        let value = BASE64.iter().position(|&b| b == byte)? as u32;
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    (text.len() % 4 != 1).then_some(out)
}

/// Percent-encoding of everything but unreserved characters, spaces as `+`.
pub fn urlencode(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    let mut out = String::new();
    for byte in cx.text(0)?.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    Ok(cx.string(out))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn json_round_trip() {
        let value = map(vec![
            ("b", list(vec![n(1.0), n(1.5), b(true), null()])),
            ("a", s("<x>&")),
        ]);
        let encoded = run("jsonencode", vec![value]);
        assert_eq!(
            encoded,
            r#""{\"a\":\"\\u003cx\\u003e\\u0026\",\"b\":[1,1.5,true,null]}""#
        );
        assert_eq!(run("jsonencode", vec![list(vec![unknown()])]), "unknown");
        assert_eq!(
            run(
                "jsondecode",
                vec![s(r#"{"Statement":[{"Effect":"Allow"}],"n":2}"#)]
            ),
            "{Statement=[{Effect=\"Allow\"}],n=2}"
        );
        assert!(run("jsondecode", vec![s("{")]).starts_with("error"));
    }

    #[test]
    fn yaml_decoding() {
        assert_eq!(
            run(
                "yamldecode",
                vec![s("encrypted: false\nzones: [a, b]\nsize: 8\n")]
            ),
            "{encrypted=false,zones=[\"a\",\"b\"],size=8}"
        );
        assert_eq!(run("yamldecode", vec![s("")]), "null");
        assert_eq!(run("yamldecode", vec![s("a: !Ref X\n")]), "{a=unknown}");
        assert!(run("yamldecode", vec![s("a: [")]).starts_with("error"));
        assert!(run("yamldecode", vec![s("a: 1\n---\nb: 2\n")]).starts_with("error"));
    }

    #[test]
    fn base64_and_url() {
        assert_eq!(run("base64encode", vec![s("hello")]), "\"aGVsbG8=\"");
        assert_eq!(run("base64encode", vec![s("")]), "\"\"");
        assert_eq!(run("base64decode", vec![s("aGVsbG8=")]), "\"hello\"");
        assert_eq!(run("base64decode", vec![s("aGk")]), "\"hi\"");
        assert!(run("base64decode", vec![s("!!")]).starts_with("error"));
        assert_eq!(run("urlencode", vec![s("a b/c")]), "\"a+b%2Fc\"");
    }
}

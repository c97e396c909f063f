//! Terraform's automatic conversions between primitive types, and value comparisons.
//!
//! Terraform converts silently where a value of another primitive type is expected: `"true"`
//! is a boolean to `&&`, `"5"` a number to `+`, and a number interpolated into a string prints
//! without a fraction when it has none (`1`, not `1.0`). Equality does not convert: `"1" == 1`
//! is false. These helpers assume a known value; callers deal with unknowns first.

use crate::parse::{Entry, Node, NodeKind};

/// A boolean, converting the strings `"true"` and `"false"`.
pub fn to_bool(node: &Node) -> Result<bool, String> {
    match &node.kind {
        NodeKind::Bool(b) => Ok(*b),
        NodeKind::Str(s) if s == "true" => Ok(true),
        NodeKind::Str(s) if s == "false" => Ok(false),
        _ => Err(format!("a boolean is required, not {}", describe(node))),
    }
}

/// A number, converting strings written as decimal numbers.
pub fn to_number(node: &Node) -> Result<f64, String> {
    match &node.kind {
        NodeKind::Number(n) => Ok(*n),
        NodeKind::Str(s) => {
            parse_number(s).ok_or_else(|| format!("a number is required, not the string {s:?}"))
        }
        _ => Err(format!("a number is required, not {}", describe(node))),
    }
}

/// A string, converting numbers and booleans as Terraform prints them.
pub fn to_text(node: &Node) -> Result<String, String> {
    match &node.kind {
        NodeKind::Str(s) => Ok(s.clone()),
        NodeKind::Number(n) => Ok(number_text(*n)),
        NodeKind::Bool(b) => Ok(b.to_string()),
        NodeKind::Null => Err("a string is required, not null".to_string()),
        _ => Err(format!("a string is required, not {}", describe(node))),
    }
}

/// A whole number (indexes, counts), refusing fractions.
pub fn to_integer(node: &Node) -> Result<i64, String> {
    let n = to_number(node)?;
    if n.fract() != 0.0 || !n.is_finite() || n.abs() > 9.0e15 {
        return Err(format!(
            "a whole number is required, not {}",
            number_text(n)
        ));
    }
    Ok(n as i64)
}

/// How Terraform prints a number: no trailing `.0`, no exponent, no negative zero.
pub fn number_text(n: f64) -> String {
    if n == 0.0 {
        return "0".to_string();
    }
    format!("{n}")
}

/// A string in Terraform's number syntax (`12`, `-1.5`, `1e3`); not `inf`, `NaN` or hex.
pub fn parse_number(text: &str) -> Option<f64> {
    let plausible = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        && text.chars().any(|c| c.is_ascii_digit());
    if !plausible {
        return None;
    }
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Whether no part of the value is unknown.
pub fn wholly_known(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Unknown(_) => false,
        NodeKind::Seq(items) => items.iter().all(wholly_known),
        NodeKind::Map(entries) => entries.iter().all(|entry| wholly_known(&entry.value)),
        NodeKind::Tagged(_, inner) => wholly_known(inner),
        _ => true,
    }
}

/// The first unknown part of a value, for the reason a result is unknown.
pub fn first_unknown(node: &Node) -> Option<&str> {
    match &node.kind {
        NodeKind::Unknown(reason) => Some(reason),
        NodeKind::Seq(items) => items.iter().find_map(first_unknown),
        NodeKind::Map(entries) => entries.iter().find_map(|entry| first_unknown(&entry.value)),
        NodeKind::Tagged(_, inner) => first_unknown(inner),
        _ => None,
    }
}

/// Terraform's `==`: same type and same value, without conversion.
pub fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        (NodeKind::Str(x), NodeKind::Str(y)) => x == y,
        (NodeKind::Number(x), NodeKind::Number(y)) => x == y,
        (NodeKind::Bool(x), NodeKind::Bool(y)) => x == y,
        (NodeKind::Null, NodeKind::Null) => true,
        (NodeKind::Seq(x), NodeKind::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b))
        }
        (NodeKind::Map(x), NodeKind::Map(y)) => {
            let x = unique_entries(x);
            let y = unique_entries(y);
            x.len() == y.len()
                && x.iter().all(|e| {
                    y.iter()
                        .any(|f| f.key == e.key && same_value(&e.value, &f.value))
                })
        }
        _ => false,
    }
}

/// A map's entries in Terraform's order (sorted by key), the last of duplicate keys winning.
pub fn unique_entries(entries: &[Entry]) -> Vec<&Entry> {
    let mut sorted: Vec<&Entry> = Vec::with_capacity(entries.len());
    for entry in entries {
        match sorted.iter().position(|seen| seen.key == entry.key) {
            Some(index) => sorted[index] = entry,
            None => sorted.push(entry),
        }
    }
    sorted.sort_by(|a, b| a.key.cmp(&b.key));
    sorted
}

/// "the string \"x\"", "a list", for error messages.
pub fn describe(node: &Node) -> String {
    match &node.kind {
        NodeKind::Str(s) if s.len() <= 40 => format!("the string {s:?}"),
        NodeKind::Number(n) => format!("the number {}", number_text(*n)),
        NodeKind::Bool(b) => format!("the boolean {b}"),
        NodeKind::Null => "null".to_string(),
        _ => format!("a {}", node.type_name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Span};

    fn node(kind: NodeKind) -> Node {
        Node::new(Span::new(FileId(0), 0, 1), kind)
    }

    #[test]
    fn numbers_print_like_terraform() {
        assert_eq!(number_text(1.0), "1");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(1.5), "1.5");
        assert_eq!(number_text(1e21), "1000000000000000000000");
    }

    #[test]
    fn strings_convert_to_numbers_and_booleans() {
        assert_eq!(to_number(&node(NodeKind::Str("12".into()))), Ok(12.0));
        assert_eq!(to_number(&node(NodeKind::Str("-1.5e1".into()))), Ok(-15.0));
        assert!(to_number(&node(NodeKind::Str("inf".into()))).is_err());
        assert!(to_number(&node(NodeKind::Str(" 1".into()))).is_err());
        assert_eq!(to_bool(&node(NodeKind::Str("true".into()))), Ok(true));
        assert!(to_bool(&node(NodeKind::Str("yes".into()))).is_err());
        assert!(to_bool(&node(NodeKind::Number(1.0))).is_err());
        assert_eq!(to_text(&node(NodeKind::Number(3.0))), Ok("3".to_string()));
        assert!(to_text(&node(NodeKind::Null)).is_err());
        assert_eq!(to_integer(&node(NodeKind::Number(2.0))), Ok(2));
        assert!(to_integer(&node(NodeKind::Number(2.5))).is_err());
    }

    #[test]
    fn equality_does_not_convert() {
        let one = node(NodeKind::Number(1.0));
        let text = node(NodeKind::Str("1".into()));
        assert!(!same_value(&one, &text));
        assert!(same_value(&one, &one.clone()));
    }
}

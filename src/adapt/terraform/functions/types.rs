//! Type conversion functions: `tobool`, `tonumber`, `tostring`, `tolist`, `toset`, `tomap`,
//! and `sensitive` / `nonsensitive`, which only mark a value for display.
//!
//! Null converts to null. A converted value keeps the history of the one it came from.

use super::collections::set_of;
use super::convert::{to_bool, to_number, to_text};
use super::{lift, Call, Outcome};
use crate::parse::{Node, NodeKind};

fn primitive(cx: &Call, convert: fn(&Node) -> Result<NodeKind, String>) -> Outcome {
    cx.arity(1, 1)?;
    let arg = cx.arg(0);
    if arg.is_null() {
        return Ok(cx.pick(arg));
    }
    let kind = convert(arg).map_err(|e| format!("`{}`: {e}", cx.name))?;
    let mut node = cx.pick(arg);
    node.kind = kind;
    Ok(node)
}

pub fn tobool(cx: &Call) -> Outcome {
    primitive(cx, |node| to_bool(node).map(NodeKind::Bool))
}

pub fn tonumber(cx: &Call) -> Outcome {
    primitive(cx, |node| to_number(node).map(NodeKind::Number))
}

pub fn tostring(cx: &Call) -> Outcome {
    primitive(cx, |node| to_text(node).map(NodeKind::Str))
}

pub fn tolist(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    if cx.arg(0).is_null() {
        return Ok(cx.pick(cx.arg(0)));
    }
    cx.seq(0)?;
    Ok(cx.pick(cx.arg(0)))
}

pub fn toset(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    if cx.arg(0).is_null() {
        return Ok(cx.pick(cx.arg(0)));
    }
    let items = cx
        .seq(0)?
        .iter()
        .map(|item| lift(item, cx.arg(0)))
        .collect();
    set_of(cx, items)
}

pub fn tomap(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    if cx.arg(0).is_null() {
        return Ok(cx.pick(cx.arg(0)));
    }
    cx.map(0)?;
    Ok(cx.pick(cx.arg(0)))
}

/// `sensitive(x)` and `nonsensitive(x)`: the value itself, for analysis.
pub fn same(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    Ok(cx.pick(cx.arg(0)))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn conversions() {
        assert_eq!(run("tobool", vec![s("false")]), "false");
        assert_eq!(run("tobool", vec![null()]), "null");
        assert!(run("tobool", vec![s("no")]).starts_with("error"));
        assert_eq!(run("tonumber", vec![s("42")]), "42");
        assert!(run("tonumber", vec![s("x")]).starts_with("error"));
        assert_eq!(run("tostring", vec![n(1.0)]), "\"1\"");
        assert!(run("tostring", vec![list(vec![])]).starts_with("error"));
        assert_eq!(
            run("toset", vec![list(vec![s("b"), s("a"), s("b")])]),
            "[\"a\",\"b\"]"
        );
        assert_eq!(run("toset", vec![list(vec![unknown()])]), "unknown");
        assert_eq!(run("tolist", vec![list(vec![n(1.0)])]), "[1]");
        assert!(run("tolist", vec![s("x")]).starts_with("error"));
        assert_eq!(run("tomap", vec![map(vec![("a", n(1.0))])]), "{a=1}");
        assert!(run("tomap", vec![list(vec![])]).starts_with("error"));
        assert_eq!(run("tobool", vec![unknown()]), "unknown");
        assert_eq!(run("sensitive", vec![b(false)]), "false");
        assert_eq!(run("nonsensitive", vec![s("x")]), "\"x\"");
    }
}

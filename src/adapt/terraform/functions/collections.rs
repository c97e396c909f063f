//! Collection functions: lists, maps and sets (`merge`, `lookup`, `concat`, `flatten`, ...).
//!
//! Maps come out sorted by key and sets sorted, as Terraform orders them. Elements taken from
//! an argument keep their own history and the argument's.

use super::convert::{same_value, to_text, unique_entries, wholly_known};
use super::{lift, too_large, Call, Outcome, MAX_ELEMENTS};
use crate::parse::{Entry, Node, NodeKind};

/// The first argument that is neither null nor an empty string.
pub fn coalesce(cx: &Call) -> Outcome {
    cx.arity(1, usize::MAX)?;
    for arg in cx.args {
        match &arg.kind {
            NodeKind::Unknown(_) => return Ok(cx.pick(arg)),
            NodeKind::Null => continue,
            NodeKind::Str(s) if s.is_empty() => continue,
            _ => return Ok(cx.pick(arg)),
        }
    }
    Err("`coalesce`: no non-null, non-empty argument".to_string())
}

/// The first argument that is a non-empty list.
pub fn coalescelist(cx: &Call) -> Outcome {
    cx.arity(1, usize::MAX)?;
    for (index, arg) in cx.args.iter().enumerate() {
        match &arg.kind {
            NodeKind::Unknown(_) => return Ok(cx.pick(arg)),
            NodeKind::Null => continue,
            NodeKind::Seq(items) if items.is_empty() => continue,
            NodeKind::Seq(_) => return Ok(cx.pick(arg)),
            _ => {
                cx.seq(index)?;
            }
        }
    }
    Err("`coalescelist`: no non-empty list argument".to_string())
}

pub fn alltrue(cx: &Call) -> Outcome {
    all_or_any(cx, true)
}

pub fn anytrue(cx: &Call) -> Outcome {
    all_or_any(cx, false)
}

/// `alltrue` (`all`) or `anytrue`: a known deciding element settles it even among unknowns.
fn all_or_any(cx: &Call, all: bool) -> Outcome {
    cx.arity(1, 1)?;
    let mut unknown = None;
    for item in cx.seq(0)? {
        if item.is_unknown() {
            unknown.get_or_insert(item);
            continue;
        }
        let value = super::convert::to_bool(item).map_err(|e| format!("`{}`: {e}", cx.name))?;
        if value != all {
            return Ok(cx.computed(NodeKind::Bool(!all)));
        }
    }
    match unknown {
        Some(item) => Ok(cx.pick(item)),
        None => Ok(cx.computed(NodeKind::Bool(all))),
    }
}

pub fn chunklist(cx: &Call) -> Outcome {
    cx.arity(2, 2)?;
    let items = cx.seq(0)?;
    let size = cx.integer(1)?;
    if size < 0 {
        return Err("`chunklist`: the chunk size must not be negative".to_string());
    }
    if size == 0 {
        return Ok(cx.list(vec![lift(cx.arg(0), cx.arg(0))]));
    }
    let chunks = items
        .chunks(size as usize)
        .map(|chunk| {
            let items = chunk.iter().map(|item| lift(item, cx.arg(0))).collect();
            Node::new(cx.span, NodeKind::Seq(items))
        })
        .collect();
    Ok(cx.list(chunks))
}

pub fn concat(cx: &Call) -> Outcome {
    let mut items = Vec::new();
    for index in 0..cx.args.len() {
        for item in cx.seq(index)? {
            items.push(lift(item, cx.arg(index)));
        }
        if items.len() > MAX_ELEMENTS {
            return Ok(Node::unknown(cx.span, too_large(cx.name)));
        }
    }
    Ok(cx.list(items))
}

/// Whether the list holds the value; unknown elements leave a miss undecided.
pub fn contains(cx: &Call) -> Outcome {
    cx.arity(2, 2)?;
    if let Some(unknown) = cx.partly_unknown(&[1]) {
        return Ok(unknown);
    }
    let items = cx.seq(0)?;
    if items.iter().any(|item| same_value(item, cx.arg(1))) {
        return Ok(cx.computed(NodeKind::Bool(true)));
    }
    if let Some(unknown) = cx.partly_unknown(&[0]) {
        return Ok(unknown);
    }
    Ok(cx.computed(NodeKind::Bool(false)))
}

pub fn distinct(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    if let Some(unknown) = cx.partly_unknown(&[0]) {
        return Ok(unknown);
    }
    Ok(cx.list(unique(cx.seq(0)?, cx.arg(0))))
}

/// The first occurrence of each value, in order.
fn unique(items: &[Node], whole: &Node) -> Vec<Node> {
    let mut kept: Vec<Node> = Vec::new();
    for item in items {
        if !kept.iter().any(|seen| same_value(seen, item)) {
            kept.push(lift(item, whole));
        }
    }
    kept
}

/// `element(list, i)`: the index wraps around the list's length.
pub fn element(cx: &Call) -> Outcome {
    cx.arity(2, 2)?;
    let items = cx.seq(0)?;
    let index = cx.integer(1)?;
    if items.is_empty() {
        return Err("`element`: the list is empty".to_string());
    }
    if index < 0 {
        return Err("`element`: the index must not be negative".to_string());
    }
    let item = &items[(index as usize) % items.len()];
    Ok(cx.pick(&lift(item, cx.arg(0))))
}

pub fn flatten(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    let mut items = Vec::new();
    if let Some(unknown) = flatten_into(cx.arg(0), cx, &mut items, 0)? {
        return Ok(unknown);
    }
    Ok(cx.list(items))
}

/// Appends the non-list leaves of `list`; an unknown element could be a list, so the whole
/// result is unknown.
fn flatten_into(
    list: &Node,
    cx: &Call,
    out: &mut Vec<Node>,
    depth: usize,
) -> Result<Option<Node>, String> {
    let Some(items) = list.as_seq() else {
        return Err(format!(
            "`flatten`: a list is required, not a {}",
            list.type_name()
        ));
    };
    if depth > 64 {
        return Err("`flatten`: the list is nested too deeply".to_string());
    }
    for item in items {
        match &item.kind {
            NodeKind::Seq(_) => {
                if let Some(unknown) = flatten_into(item, cx, out, depth + 1)? {
                    return Ok(Some(unknown));
                }
            }
            NodeKind::Unknown(_) => return Ok(Some(cx.pick(item))),
            _ => out.push(lift(item, list)),
        }
        if out.len() > MAX_ELEMENTS {
            return Ok(Some(Node::unknown(cx.span, too_large(cx.name))));
        }
    }
    Ok(None)
}

/// The position of the first element equal to the value.
pub fn index(cx: &Call) -> Outcome {
    cx.arity(2, 2)?;
    if let Some(unknown) = cx.partly_unknown(&[0, 1]) {
        return Ok(unknown);
    }
    match cx
        .seq(0)?
        .iter()
        .position(|item| same_value(item, cx.arg(1)))
    {
        Some(position) => Ok(cx.computed(NodeKind::Number(position as f64))),
        None => Err("`index`: the value is not in the list".to_string()),
    }
}

pub fn keys(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    let keys = cx
        .map(0)?
        .into_iter()
        .map(|entry| Node::new(entry.key_span, NodeKind::Str(entry.key.clone())))
        .collect();
    Ok(cx.list(keys))
}

pub fn values(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    let values = cx
        .map(0)?
        .into_iter()
        .map(|entry| lift(&entry.value, cx.arg(0)))
        .collect();
    Ok(cx.list(values))
}

/// Elements of a list, entries of a map, characters of a string.
pub fn length(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    let length = match &cx.arg(0).kind {
        NodeKind::Seq(items) => items.len(),
        NodeKind::Map(entries) => unique_entries(entries).len(),
        NodeKind::Str(s) => s.chars().count(),
        _ => {
            return Err(format!(
                "`length`: a collection or string is required, not a {}",
                cx.arg(0).type_name()
            ))
        }
    };
    Ok(cx.computed(NodeKind::Number(length as f64)))
}

/// `lookup(map, key, default)`: the entry when present, else the default.
pub fn lookup(cx: &Call) -> Outcome {
    cx.arity(2, 3)?;
    let entries = cx.map(0)?;
    let key = cx.text(1)?;
    if let Some(entry) = entries.iter().find(|entry| entry.key == key) {
        return Ok(cx.pick(&lift(&entry.value, cx.arg(0))));
    }
    match cx.args.get(2) {
        Some(default) => Ok(cx.pick(default)),
        None => Err(format!("`lookup`: the map has no key {key:?}")),
    }
}

/// Maps merged left to right (later keys win); null arguments are skipped.
pub fn merge(cx: &Call) -> Outcome {
    let mut merged: Vec<Entry> = Vec::new();
    for (index, arg) in cx.args.iter().enumerate() {
        if arg.is_null() {
            continue;
        }
        for entry in cx.map(index)? {
            let value = lift(&entry.value, arg);
            match merged.iter_mut().find(|seen| seen.key == entry.key) {
                Some(seen) => {
                    seen.value = value;
                    seen.key_span = entry.key_span;
                }
                None => merged.push(Entry {
                    key: entry.key.clone(),
                    key_span: entry.key_span,
                    value,
                }),
            }
        }
        if merged.len() > MAX_ELEMENTS {
            return Ok(Node::unknown(cx.span, too_large(cx.name)));
        }
    }
    merged.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(Node::new(cx.span, NodeKind::Map(merged)))
}

/// The only element of a list, or null for an empty one.
pub fn one(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    match cx.seq(0)? {
        [] => Ok(cx.computed(NodeKind::Null)),
        [item] => Ok(cx.pick(&lift(item, cx.arg(0)))),
        items => Err(format!(
            "`one`: the list must have at most one element, not {}",
            items.len()
        )),
    }
}

/// `range(limit)`, `range(start, limit)`, `range(start, limit, step)`.
pub fn range(cx: &Call) -> Outcome {
    cx.arity(1, 3)?;
    let (start, limit) = match cx.args.len() {
        1 => (0.0, cx.number(0)?),
        _ => (cx.number(0)?, cx.number(1)?),
    };
    let step = match cx.args.get(2) {
        Some(_) => cx.number(2)?,
        None if limit < start => -1.0,
        None => 1.0,
    };
    if step == 0.0 || (step > 0.0) != (limit >= start) && start != limit {
        return Err("`range`: the step must move from the start towards the limit".to_string());
    }
    let count = ((limit - start) / step).ceil().max(0.0);
    if count > MAX_ELEMENTS as f64 {
        return Ok(Node::unknown(cx.span, too_large(cx.name)));
    }
    let items = (0..count as usize)
        .map(|i| Node::new(cx.span, NodeKind::Number(start + step * i as f64)))
        .collect();
    Ok(cx.list(items))
}

pub fn reverse(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    let items = cx.seq(0)?.iter().rev().map(|item| lift(item, cx.arg(0)));
    Ok(cx.list(items.collect()))
}

pub fn setunion(cx: &Call) -> Outcome {
    cx.arity(1, usize::MAX)?;
    let mut all = Vec::new();
    for index in 0..cx.args.len() {
        all.extend(cx.seq(index)?.iter().map(|item| lift(item, cx.arg(index))));
        if all.len() > MAX_ELEMENTS {
            return Ok(Node::unknown(cx.span, too_large(cx.name)));
        }
    }
    set_of(cx, all)
}

pub fn setintersection(cx: &Call) -> Outcome {
    cx.arity(1, usize::MAX)?;
    let mut kept: Vec<Node> = cx.seq(0)?.iter().map(|i| lift(i, cx.arg(0))).collect();
    for index in 1..cx.args.len() {
        let other = cx.seq(index)?;
        kept.retain(|item| other.iter().any(|o| same_value(item, o)));
    }
    set_of(cx, kept)
}

pub fn setsubtract(cx: &Call) -> Outcome {
    cx.arity(2, 2)?;
    let removed = cx.seq(1)?;
    let kept = cx
        .seq(0)?
        .iter()
        .filter(|item| !removed.iter().any(|r| same_value(item, r)))
        .map(|item| lift(item, cx.arg(0)))
        .collect();
    set_of(cx, kept)
}

/// A set: distinct elements in Terraform's order. Unknown elements make the set unknown, as
/// they could equal others.
pub fn set_of(cx: &Call, items: Vec<Node>) -> Outcome {
    if let Some(item) = items.iter().find(|item| !wholly_known(item)) {
        let reason = super::convert::first_unknown(item).unwrap_or("an unknown element");
        return Ok(Node::unknown(cx.span, reason));
    }
    let mut items = unique(&items, &Node::new(cx.span, NodeKind::Null));
    sort_values(&mut items);
    Ok(cx.list(items))
}

/// `setproduct(a, b, ...)`: every combination, one element from each set.
pub fn setproduct(cx: &Call) -> Outcome {
    cx.arity(1, usize::MAX)?;
    let mut sets = Vec::new();
    let mut count: usize = 1;
    for index in 0..cx.args.len() {
        let items = cx.seq(index)?;
        count = count.saturating_mul(items.len());
        sets.push(items);
    }
    if count.saturating_mul(sets.len()) > MAX_ELEMENTS {
        return Ok(Node::unknown(cx.span, too_large(cx.name)));
    }
    let mut combinations: Vec<Vec<Node>> = vec![Vec::new()];
    for (index, items) in sets.into_iter().enumerate() {
        let mut longer = Vec::with_capacity(combinations.len() * items.len());
        for prefix in &combinations {
            for item in items {
                let mut combination = prefix.clone();
                combination.push(lift(item, cx.arg(index)));
                longer.push(combination);
            }
        }
        combinations = longer;
    }
    let items = combinations
        .into_iter()
        .map(|combination| Node::new(cx.span, NodeKind::Seq(combination)))
        .collect();
    Ok(cx.list(items))
}

/// `transpose({a = ["x", "y"]})` is `{x = ["a"], y = ["a"]}`.
pub fn transpose(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    if let Some(unknown) = cx.partly_unknown(&[0]) {
        return Ok(unknown);
    }
    let mut out: Vec<Entry> = Vec::new();
    for entry in cx.map(0)? {
        let Some(items) = entry.value.as_seq() else {
            return Err("`transpose`: every value must be a list of strings".to_string());
        };
        for item in items {
            let key = to_text(item).map_err(|e| format!("`transpose`: {e}"))?;
            let value = Node::new(entry.key_span, NodeKind::Str(entry.key.clone()));
            match out.iter_mut().find(|seen| seen.key == key) {
                Some(seen) => {
                    if let NodeKind::Seq(values) = &mut seen.value.kind {
                        values.push(value);
                    }
                }
                None => out.push(Entry {
                    key,
                    key_span: item.span,
                    value: Node::new(cx.span, NodeKind::Seq(vec![value])),
                }),
            }
        }
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(Node::new(cx.span, NodeKind::Map(out)))
}

/// `matchkeys(values, keys, searchset)`: the values whose key (same position) is searched for.
pub fn matchkeys(cx: &Call) -> Outcome {
    cx.arity(3, 3)?;
    if let Some(unknown) = cx.partly_unknown(&[1, 2]) {
        return Ok(unknown);
    }
    let (values, keys, wanted) = (cx.seq(0)?, cx.seq(1)?, cx.seq(2)?);
    if values.len() != keys.len() {
        return Err("`matchkeys`: the values and keys lists differ in length".to_string());
    }
    let kept = values
        .iter()
        .zip(keys)
        .filter(|(_, key)| wanted.iter().any(|w| same_value(w, key)))
        .map(|(value, _)| lift(value, cx.arg(0)))
        .collect();
    Ok(cx.list(kept))
}

/// Strings and numbers in their natural order, others where they were.
fn sort_values(items: &mut [Node]) {
    items.sort_by(|a, b| match (&a.kind, &b.kind) {
        (NodeKind::Number(x), NodeKind::Number(y)) => x.total_cmp(y),
        (NodeKind::Str(x), NodeKind::Str(y)) => x.cmp(y),
        _ => std::cmp::Ordering::Equal,
    });
}

/// `slice(list, start, end)`: elements from `start` up to, not including, `end`.
pub fn slice(cx: &Call) -> Outcome {
    cx.arity(3, 3)?;
    let items = cx.seq(0)?;
    let (start, end) = (cx.integer(1)?, cx.integer(2)?);
    if start < 0 || end < start || end as usize > items.len() {
        return Err(format!(
            "`slice`: the range {start}..{end} is outside a list of {}",
            items.len()
        ));
    }
    let part = items[start as usize..end as usize].iter();
    Ok(cx.list(part.map(|item| lift(item, cx.arg(0))).collect()))
}

/// Strings in lexical order (numbers are sorted as their strings, as Terraform does).
pub fn sort(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    if let Some(unknown) = cx.partly_unknown(&[0]) {
        return Ok(unknown);
    }
    let mut texts = Vec::new();
    for item in cx.seq(0)? {
        let text = to_text(item).map_err(|e| format!("`sort`: {e}"))?;
        texts.push(Node::new(item.span, NodeKind::Str(text)));
    }
    texts.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    Ok(cx.list(texts))
}

pub fn sum(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    if let Some(unknown) = cx.partly_unknown(&[0]) {
        return Ok(unknown);
    }
    let items = cx.seq(0)?;
    if items.is_empty() {
        return Err("`sum`: the list is empty".to_string());
    }
    let mut total = 0.0;
    for item in items {
        total += super::convert::to_number(item).map_err(|e| format!("`sum`: {e}"))?;
    }
    Ok(cx.computed(NodeKind::Number(total)))
}

/// A map from a list of keys and a list of values of the same length.
pub fn zipmap(cx: &Call) -> Outcome {
    cx.arity(2, 2)?;
    if let Some(unknown) = cx.partly_unknown(&[0]) {
        return Ok(unknown);
    }
    let keys = cx.seq(0)?;
    let values = cx.seq(1)?;
    if keys.len() != values.len() {
        return Err(format!(
            "`zipmap`: {} keys but {} values",
            keys.len(),
            values.len()
        ));
    }
    let mut entries: Vec<Entry> = Vec::new();
    for (key, value) in keys.iter().zip(values) {
        let text = to_text(key).map_err(|e| format!("`zipmap` key: {e}"))?;
        entries.retain(|entry| entry.key != text);
        entries.push(Entry {
            key: text,
            key_span: key.span,
            value: lift(value, cx.arg(1)),
        });
    }
    entries.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(Node::new(cx.span, NodeKind::Map(entries)))
}

/// The list without null elements and empty strings.
pub fn compact(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    if let Some(unknown) = cx.partly_unknown(&[0]) {
        return Ok(unknown);
    }
    let mut kept = Vec::new();
    for item in cx.seq(0)? {
        match &item.kind {
            NodeKind::Null => {}
            NodeKind::Str(s) if s.is_empty() => {}
            _ => {
                let text = to_text(item).map_err(|e| format!("`compact`: {e}"))?;
                kept.push(lift(&Node::new(item.span, NodeKind::Str(text)), cx.arg(0)));
            }
        }
    }
    Ok(cx.list(kept))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn merge_and_lookup() {
        let defaults = map(vec![("encrypted", b(true)), ("size", n(1.0))]);
        let overrides = map(vec![("encrypted", b(false))]);
        assert_eq!(
            run("merge", vec![defaults.clone(), null(), overrides]),
            "{encrypted=false,size=1}"
        );
        assert!(run("merge", vec![s("x")]).starts_with("error"));
        assert_eq!(run("lookup", vec![defaults.clone(), s("size")]), "1");
        assert_eq!(
            run("lookup", vec![defaults.clone(), s("no"), b(false)]),
            "false"
        );
        assert!(run("lookup", vec![defaults, s("no")]).starts_with("error"));
        assert_eq!(run("lookup", vec![unknown(), s("a"), b(true)]), "unknown");
    }

    #[test]
    fn coalesce_picks_the_first_set_value() {
        assert_eq!(
            run("coalesce", vec![null(), s(""), s("a"), unknown()]),
            "\"a\""
        );
        assert_eq!(run("coalesce", vec![unknown(), s("a")]), "unknown");
        assert!(run("coalesce", vec![null()]).starts_with("error"));
        let empty = list(vec![]);
        let one = list(vec![n(1.0)]);
        assert_eq!(run("coalescelist", vec![empty, one]), "[1]");
        assert!(run("coalescelist", vec![s("x")]).starts_with("error"));
    }

    #[test]
    fn list_functions() {
        let abc = list(vec![s("a"), s("b"), s("c")]);
        assert_eq!(
            run("concat", vec![abc.clone(), list(vec![n(1.0)])]),
            "[\"a\",\"b\",\"c\",1]"
        );
        assert_eq!(run("element", vec![abc.clone(), n(4.0)]), "\"b\"");
        assert!(run("element", vec![list(vec![]), n(0.0)]).starts_with("error"));
        assert_eq!(run("length", vec![abc.clone()]), "3");
        assert_eq!(run("length", vec![list(vec![unknown(), n(1.0)])]), "2");
        assert_eq!(run("length", vec![s("héllo")]), "5");
        assert_eq!(run("reverse", vec![abc.clone()]), "[\"c\",\"b\",\"a\"]");
        assert_eq!(
            run("slice", vec![abc.clone(), n(1.0), n(3.0)]),
            "[\"b\",\"c\"]"
        );
        assert!(run("slice", vec![abc.clone(), n(1.0), n(4.0)]).starts_with("error"));
        assert_eq!(run("index", vec![abc.clone(), s("c")]), "2");
        assert!(run("index", vec![abc.clone(), s("z")]).starts_with("error"));
        assert_eq!(run("one", vec![list(vec![])]), "null");
        assert_eq!(run("one", vec![list(vec![s("x")])]), "\"x\"");
        assert!(run("one", vec![abc.clone()]).starts_with("error"));
        assert_eq!(
            run("chunklist", vec![abc, n(2.0)]),
            "[[\"a\",\"b\"],[\"c\"]]"
        );
    }

    #[test]
    fn contains_with_unknown_elements() {
        let partly = list(vec![s("a"), unknown()]);
        assert_eq!(run("contains", vec![partly.clone(), s("a")]), "true");
        assert_eq!(run("contains", vec![partly, s("b")]), "unknown");
        assert_eq!(run("contains", vec![list(vec![s("a")]), s("b")]), "false");
    }

    #[test]
    fn flatten_distinct_compact_sort() {
        let nested = list(vec![list(vec![n(1.0), list(vec![n(2.0)])]), n(1.0)]);
        assert_eq!(run("flatten", vec![nested.clone()]), "[1,2,1]");
        assert_eq!(run("flatten", vec![list(vec![unknown()])]), "unknown");
        assert_eq!(
            run("distinct", vec![list(vec![n(1.0), n(2.0), n(1.0)])]),
            "[1,2]"
        );
        assert_eq!(
            run("compact", vec![list(vec![s("a"), s(""), null()])]),
            "[\"a\"]"
        );
        assert_eq!(
            run("sort", vec![list(vec![s("b"), s("a"), n(10.0)])]),
            "[\"10\",\"a\",\"b\"]"
        );
        assert_eq!(run("sort", vec![list(vec![unknown()])]), "unknown");
    }

    #[test]
    fn keys_values_zipmap() {
        let m = map(vec![("b", n(2.0)), ("a", n(1.0))]);
        assert_eq!(run("keys", vec![m.clone()]), "[\"a\",\"b\"]");
        assert_eq!(run("values", vec![m]), "[1,2]");
        let keys = list(vec![s("x"), s("y")]);
        assert_eq!(
            run("zipmap", vec![keys.clone(), list(vec![b(true), b(false)])]),
            "{x=true,y=false}"
        );
        assert!(run("zipmap", vec![keys, list(vec![])]).starts_with("error"));
    }

    #[test]
    fn range_is_bounded() {
        assert_eq!(run("range", vec![n(3.0)]), "[0,1,2]");
        assert_eq!(run("range", vec![n(1.0), n(4.0), n(2.0)]), "[1,3]");
        assert_eq!(run("range", vec![n(3.0), n(0.0)]), "[3,2,1]");
        assert_eq!(run("range", vec![n(0.0)]), "[]");
        assert_eq!(run("range", vec![n(1e9)]), "unknown");
        assert!(run("range", vec![n(0.0), n(3.0), n(0.0)]).starts_with("error"));
        assert!(run("range", vec![n(0.0), n(3.0), n(-1.0)]).starts_with("error"));
    }

    #[test]
    fn sets_and_truth() {
        let a = list(vec![s("b"), s("a")]);
        let b2 = list(vec![s("c"), s("a")]);
        assert_eq!(
            run("setunion", vec![a.clone(), b2.clone()]),
            "[\"a\",\"b\",\"c\"]"
        );
        assert_eq!(
            run("setintersection", vec![a.clone(), b2.clone()]),
            "[\"a\"]"
        );
        assert_eq!(run("setsubtract", vec![a, b2]), "[\"b\"]");
        assert_eq!(run("alltrue", vec![list(vec![b(true), s("true")])]), "true");
        assert_eq!(
            run("alltrue", vec![list(vec![unknown(), b(false)])]),
            "false"
        );
        assert_eq!(
            run("alltrue", vec![list(vec![unknown(), b(true)])]),
            "unknown"
        );
        assert_eq!(run("anytrue", vec![list(vec![])]), "false");
        assert_eq!(run("anytrue", vec![list(vec![unknown(), b(true)])]), "true");
        assert_eq!(run("sum", vec![list(vec![n(1.0), s("2")])]), "3");
    }

    #[test]
    fn products_transposes_and_matches() {
        let ab = list(vec![s("a"), s("b")]);
        let xy = list(vec![n(1.0), n(2.0)]);
        assert_eq!(
            run("setproduct", vec![ab.clone(), xy.clone()]),
            "[[\"a\",1],[\"a\",2],[\"b\",1],[\"b\",2]]"
        );
        let big = list((0..400).map(|i| n(f64::from(i))).collect());
        assert_eq!(run("setproduct", vec![big.clone(), big]), "unknown");
        let m = map(vec![
            ("p", list(vec![s("x"), s("y")])),
            ("q", list(vec![s("x")])),
        ]);
        assert_eq!(run("transpose", vec![m]), "{x=[\"p\",\"q\"],y=[\"p\"]}");
        assert_eq!(
            run(
                "matchkeys",
                vec![ab, list(vec![s("k1"), s("k2")]), list(vec![s("k2")])]
            ),
            "[\"b\"]"
        );
        assert!(run("matchkeys", vec![xy, list(vec![]), list(vec![])]).starts_with("error"));
    }
}

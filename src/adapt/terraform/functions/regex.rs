//! Regular expressions: `regex`, `regexall`, and `replace` with a `/pattern/`.
//!
//! Terraform uses RE2 syntax; `regex-automata`'s is the same family (no backreferences or
//! look-around) and, like RE2, matches in linear time, so a hostile pattern cannot stall a
//! scan. It is built here without Unicode tables (as `ignore` uses it), so classes such as
//! `\d`, `\w` and `\s` are ASCII-only, as in RE2. Matching runs on bytes: a result that would
//! split a non-ASCII character, and a pattern this engine refuses, are unknown rather than
//! errors, so `try` never falls back where Terraform would not. Replacements expand `$1`,
//! `${1}`, `$name` and `$$` as Go's `Expand` does.

use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::PatternID;

use super::{too_large, Call, Outcome, MAX_ELEMENTS, MAX_STRING};
use crate::parse::{Entry, Node, NodeKind};

/// The compiled pattern, or the unknown value to give back.
fn compile(cx: &Call, pattern: &str) -> Result<Regex, Node> {
    Regex::builder()
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .configure(Regex::config().utf8_empty(false))
        .build(pattern)
        .map_err(|error| {
            let reason = format!(
                "`{}`: the regular expression /{pattern}/ is not evaluated: {error}",
                cx.name
            );
            Node::unknown(cx.span, reason)
        })
}

/// The subject's text in `range`; unknown when the range splits a UTF-8 character (matching
/// runs on bytes, where Terraform's would take the whole character).
fn text_of(cx: &Call, text: &str, range: std::ops::Range<usize>) -> Result<String, Node> {
    text.get(range).map(str::to_string).ok_or_else(|| split(cx))
}

fn split(cx: &Call) -> Node {
    let reason = format!("`{}` would split a non-ASCII character", cx.name);
    Node::unknown(cx.span, reason)
}

/// `replace(text, "/pattern/", replacement)`, every match replaced.
pub fn replace(cx: &Call, text: &str, pattern: &str, replacement: &str) -> Outcome {
    let regex = match compile(cx, pattern) {
        Ok(regex) => regex,
        Err(unknown) => return Ok(unknown),
    };
    let haystack = text.as_bytes();
    let mut out: Vec<u8> = Vec::new();
    let mut last = 0;
    for captures in regex.captures_iter(haystack) {
        let Some(found) = captures.get_match() else {
            continue;
        };
        if !text.is_char_boundary(found.start()) || !text.is_char_boundary(found.end()) {
            return Ok(split(cx));
        }
        out.extend_from_slice(&haystack[last..found.start()]);
        captures.interpolate_bytes_into(haystack, replacement.as_bytes(), &mut out);
        last = found.end();
        if out.len() > MAX_STRING {
            return Ok(Node::unknown(cx.span, too_large(cx.name)));
        }
    }
    out.extend_from_slice(&haystack[last..]);
    match String::from_utf8(out) {
        Ok(text) => Ok(cx.string(text)),
        Err(_) => Ok(split(cx)),
    }
}

/// `regex(pattern, text)`: the first match; an error when there is none.
pub fn regex(cx: &Call) -> Outcome {
    cx.arity(2, 2)?;
    let (pattern, text) = (cx.text(0)?, cx.text(1)?);
    let regex = match compile(cx, &pattern) {
        Ok(regex) => regex,
        Err(unknown) => return Ok(unknown),
    };
    let mut captures = regex.create_captures();
    regex.captures(text.as_bytes(), &mut captures);
    if !captures.is_match() {
        return Err(format!("`regex`: /{pattern}/ does not match"));
    }
    let mut value = match match_value(cx, &regex, &captures, &text)? {
        Ok(value) => value,
        Err(unknown) => return Ok(unknown),
    };
    value.via = super::via_of(cx.args.iter());
    Ok(value)
}

/// `regexall(pattern, text)`: every match, as a list.
pub fn regexall(cx: &Call) -> Outcome {
    cx.arity(2, 2)?;
    let (pattern, text) = (cx.text(0)?, cx.text(1)?);
    let regex = match compile(cx, &pattern) {
        Ok(regex) => regex,
        Err(unknown) => return Ok(unknown),
    };
    let mut matches = Vec::new();
    for captures in regex.captures_iter(text.as_bytes()) {
        match match_value(cx, &regex, &captures, &text)? {
            Ok(value) => matches.push(value),
            Err(unknown) => return Ok(unknown),
        }
        if matches.len() > MAX_ELEMENTS {
            return Ok(Node::unknown(cx.span, too_large(cx.name)));
        }
    }
    let mut value = cx.list(matches);
    value.via = super::via_of(cx.args.iter());
    Ok(value)
}

/// One match as Terraform gives it: the matched text without capture groups, a list of the
/// groups when they are unnamed, a map when they are named (a group that did not take part is
/// null). `Err` is an evaluation error, `Ok(Err)` an unknown value.
fn match_value(
    cx: &Call,
    regex: &Regex,
    captures: &Captures,
    text: &str,
) -> Result<Result<Node, Node>, String> {
    let group = |index: usize| match captures.get_group(index) {
        Some(span) => {
            text_of(cx, text, span.range()).map(|part| Node::new(cx.span, NodeKind::Str(part)))
        }
        None => Ok(Node::new(cx.span, NodeKind::Null)),
    };
    let names: Vec<Option<&str>> = regex
        .group_info()
        .pattern_names(PatternID::ZERO)
        .skip(1)
        .collect();
    if names.is_empty() {
        return Ok(group(0));
    }
    let named = names.iter().filter(|name| name.is_some()).count();
    if named == 0 {
        let groups: Result<Vec<Node>, Node> = (1..=names.len()).map(group).collect();
        return Ok(groups.map(|groups| Node::new(cx.span, NodeKind::Seq(groups))));
    }
    if named != names.len() {
        return Err(format!(
            "`{}`: a pattern cannot mix named and unnamed groups",
            cx.name
        ));
    }
    let mut entries = Vec::new();
    for (offset, name) in names.iter().enumerate() {
        let value = match group(offset + 1) {
            Ok(value) => value,
            Err(unknown) => return Ok(Err(unknown)),
        };
        entries.push(Entry {
            key: name.unwrap_or_default().to_string(),
            key_span: cx.span,
            value,
        });
    }
    entries.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(Ok(Node::new(cx.span, NodeKind::Map(entries))))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn replace_with_patterns() {
        let run3 = |a: &str, b: &str, c: &str| run("replace", vec![s(a), s(b), s(c)]);
        assert_eq!(
            run3("my_Bucket.Name", "/[^a-z0-9-]/", "-"),
            "\"my--ucket--ame\""
        );
        assert_eq!(
            run3("2024-01-31", "/(\\d+)-(\\d+)-(\\d+)/", "$3.$2.$1"),
            "\"31.01.2024\""
        );
        assert_eq!(run3("ab", "/(?P<x>a)/", "${x}$$"), "\"a$b\"");
        assert_eq!(run3("aaa", "/a*/", "-"), "\"-\"");
        assert_eq!(run3("a", "/(/", "-"), "unknown");
        assert_eq!(run3("héllo", "/[^a-z]/", "-"), "unknown");
        assert_eq!(run3("héllo wörld", "/ /", "_"), "\"héllo_wörld\"");
        assert_eq!(run("replace", vec![s("a/b"), s("/"), s("_")]), "\"a_b\"");
    }

    #[test]
    fn matches() {
        assert_eq!(run("regex", vec![s("[a-z]+"), s("53xyz7")]), "\"xyz\"");
        assert_eq!(
            run("regex", vec![s("(\\d+)-(\\w+)?"), s("10-")]),
            "[\"10\",null]"
        );
        assert_eq!(
            run("regex", vec![s("(?P<k>\\w+)=(?P<v>\\w+)"), s("a=b")]),
            "{k=\"a\",v=\"b\"}"
        );
        assert!(run("regex", vec![s("x"), s("y")]).starts_with("error"));
        assert!(run("regex", vec![s("(?P<k>a)(b)"), s("ab")]).starts_with("error"));
        assert_eq!(run("regexall", vec![s("\\d"), s("a1b2")]), "[\"1\",\"2\"]");
        assert_eq!(run("regexall", vec![s("\\d"), s("ab")]), "[]");
        assert_eq!(run("regex", vec![unknown(), s("ab")]), "unknown");
        assert_eq!(run("regex", vec![s("(?i)ABC"), s("xabc")]), "\"abc\"");
    }
}

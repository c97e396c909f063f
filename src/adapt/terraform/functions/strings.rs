//! String functions: `format`, `join`, `split`, `replace`, case and trimming, paths.
//!
//! Lengths and offsets count characters, not bytes, as Terraform does. `replace` with a
//! `/regex/` pattern is handled by [`super::regex`].

use super::convert::{number_text, to_text};
use super::encoding::json_text;
use super::{lift, too_large, Call, Outcome, MAX_ELEMENTS, MAX_STRING};
use crate::parse::{Node, NodeKind};

fn text_fn(cx: &Call, f: impl Fn(&str) -> String) -> Outcome {
    cx.arity(1, 1)?;
    Ok(cx.string(f(&cx.text(0)?)))
}

pub fn lower(cx: &Call) -> Outcome {
    text_fn(cx, str::to_lowercase)
}

pub fn upper(cx: &Call) -> Outcome {
    text_fn(cx, str::to_uppercase)
}

pub fn trimspace(cx: &Call) -> Outcome {
    text_fn(cx, |s| s.trim().to_string())
}

pub fn strrev(cx: &Call) -> Outcome {
    text_fn(cx, |s| s.chars().rev().collect())
}

/// Removes the newlines at the end.
pub fn chomp(cx: &Call) -> Outcome {
    text_fn(cx, |s| s.trim_end_matches(['\n', '\r']).to_string())
}

/// Upper-cases the first letter of every word.
pub fn title(cx: &Call) -> Outcome {
    text_fn(cx, |s| {
        let mut out = String::with_capacity(s.len());
        let mut at_word_start = true;
        for c in s.chars() {
            if at_word_start {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            at_word_start = !(c.is_alphanumeric() || c == '_' || c == '\'');
        }
        out
    })
}

/// `basename("a/b/c.txt")` is `"c.txt"`.
pub fn basename(cx: &Call) -> Outcome {
    text_fn(cx, |s| {
        let trimmed = s.trim_end_matches('/');
        if trimmed.is_empty() {
            return if s.is_empty() { "." } else { "/" }.to_string();
        }
        trimmed.rsplit('/').next().unwrap_or(trimmed).to_string()
    })
}

/// `dirname("a/b/c.txt")` is `"a/b"`.
pub fn dirname(cx: &Call) -> Outcome {
    text_fn(cx, |s| match s.rfind('/') {
        None => ".".to_string(),
        Some(0) => "/".to_string(),
        Some(index) => s[..index].trim_end_matches('/').to_string(),
    })
}

fn two_texts(cx: &Call) -> Result<(String, String), String> {
    cx.arity(2, 2)?;
    Ok((cx.text(0)?, cx.text(1)?))
}

pub fn startswith(cx: &Call) -> Outcome {
    let (text, prefix) = two_texts(cx)?;
    Ok(cx.computed(NodeKind::Bool(text.starts_with(&prefix))))
}

pub fn endswith(cx: &Call) -> Outcome {
    let (text, suffix) = two_texts(cx)?;
    Ok(cx.computed(NodeKind::Bool(text.ends_with(&suffix))))
}

pub fn strcontains(cx: &Call) -> Outcome {
    let (text, part) = two_texts(cx)?;
    Ok(cx.computed(NodeKind::Bool(text.contains(&part))))
}

pub fn trimprefix(cx: &Call) -> Outcome {
    let (text, prefix) = two_texts(cx)?;
    Ok(cx.string(text.strip_prefix(&prefix).unwrap_or(&text).to_string()))
}

pub fn trimsuffix(cx: &Call) -> Outcome {
    let (text, suffix) = two_texts(cx)?;
    Ok(cx.string(text.strip_suffix(&suffix).unwrap_or(&text).to_string()))
}

/// `trim(str, cutset)`: removes the cutset's characters from both ends.
pub fn trim(cx: &Call) -> Outcome {
    let (text, cutset) = two_texts(cx)?;
    let trimmed = text.trim_matches(|c| cutset.contains(c));
    Ok(cx.string(trimmed.to_string()))
}

/// `substr(str, offset, length)`: a negative offset counts from the end; length -1 means to
/// the end.
pub fn substr(cx: &Call) -> Outcome {
    cx.arity(3, 3)?;
    let chars: Vec<char> = cx.text(0)?.chars().collect();
    let (offset, length) = (cx.integer(1)?, cx.integer(2)?);
    let count = chars.len() as i64;
    let start = if offset < 0 { count + offset } else { offset };
    // Where Terraform's own bounds checks differ between versions, say unknown rather than
    // risk an error that would make `try` fall back.
    if start < 0 || start > count || length < -1 {
        return Ok(Node::unknown(
            cx.span,
            format!("`substr` with offset {offset} and length {length} on {count} characters"),
        ));
    }
    let end = match length {
        -1 => count,
        length => (start + length).min(count),
    };
    Ok(cx.string(chars[start as usize..end as usize].iter().collect()))
}

/// `indent(n, str)`: `n` spaces before every line but the first.
pub fn indent(cx: &Call) -> Outcome {
    cx.arity(2, 2)?;
    let spaces = cx.integer(0)?;
    if !(0..=1024).contains(&spaces) {
        return Err("`indent`: the indentation must be 0 to 1024 spaces".to_string());
    }
    let text = cx.text(1)?;
    let padding = " ".repeat(spaces as usize);
    let newlines = text.matches('\n').count();
    if text.len() + newlines * padding.len() > MAX_STRING {
        return Ok(Node::unknown(cx.span, too_large(cx.name)));
    }
    Ok(cx.string(text.replace('\n', &format!("\n{padding}"))))
}

/// `join(separator, list, ...)`.
pub fn join(cx: &Call) -> Outcome {
    cx.arity(2, usize::MAX)?;
    let separator = cx.text(0)?;
    let mut parts = Vec::new();
    for index in 1..cx.args.len() {
        if let Some(unknown) = cx.partly_unknown(&[index]) {
            return Ok(unknown);
        }
        for item in cx.seq(index)? {
            parts.push(to_text(item).map_err(|e| format!("`join`: {e}"))?);
        }
    }
    let total: usize = parts.iter().map(String::len).sum::<usize>()
        + separator.len() * parts.len().saturating_sub(1);
    if total > MAX_STRING {
        return Ok(Node::unknown(cx.span, too_large(cx.name)));
    }
    Ok(cx.string(parts.join(&separator)))
}

/// `split(separator, str)`.
pub fn split(cx: &Call) -> Outcome {
    let (separator, text) = two_texts(cx)?;
    let parts: Vec<String> = if separator.is_empty() {
        text.chars().map(String::from).collect()
    } else {
        text.split(separator.as_str()).map(str::to_string).collect()
    };
    if parts.len() > MAX_ELEMENTS {
        return Ok(Node::unknown(cx.span, too_large(cx.name)));
    }
    let items = parts
        .into_iter()
        .map(|part| lift(&Node::new(cx.span, NodeKind::Str(part)), cx.arg(1)))
        .collect();
    Ok(cx.list(items))
}

/// `replace(str, search, replacement)`; a search written `/.../` is a regular expression.
pub fn replace(cx: &Call) -> Outcome {
    cx.arity(3, 3)?;
    let (text, search, replacement) = (cx.text(0)?, cx.text(1)?, cx.text(2)?);
    if search.len() > 1 && search.starts_with('/') && search.ends_with('/') {
        let pattern = &search[1..search.len() - 1];
        return super::regex::replace(cx, &text, pattern, &replacement);
    }
    if search.is_empty() {
        return Ok(cx.string(text));
    }
    let count = text.matches(search.as_str()).count();
    if text.len() + count * replacement.len() > MAX_STRING {
        return Ok(Node::unknown(cx.span, too_large(cx.name)));
    }
    Ok(cx.string(text.replace(&search, &replacement)))
}

/// `format(spec, values...)`, Terraform's printf.
pub fn format(cx: &Call) -> Outcome {
    cx.arity(1, usize::MAX)?;
    let spec = cx.text(0)?;
    if let Some(unknown) = cx.partly_unknown(&(1..cx.args.len()).collect::<Vec<_>>()) {
        return Ok(unknown);
    }
    Ok(match printf(&spec, &cx.args[1..])? {
        Some(text) => cx.string(text),
        None => Node::unknown(cx.span, "a `format` verb that is not evaluated"),
    })
}

/// `formatlist(spec, values...)`: `format` over lists element by element; scalar arguments
/// repeat.
pub fn formatlist(cx: &Call) -> Outcome {
    cx.arity(1, usize::MAX)?;
    let spec = cx.text(0)?;
    if let Some(unknown) = cx.partly_unknown(&(0..cx.args.len()).collect::<Vec<_>>()) {
        return Ok(unknown);
    }
    let mut length: Option<usize> = None;
    for arg in &cx.args[1..] {
        if let Some(items) = arg.as_seq() {
            if length.is_some_and(|l| l != items.len()) {
                return Err("`formatlist`: the lists have different lengths".to_string());
            }
            length = Some(items.len());
        }
    }
    let length = length.unwrap_or(1);
    if length > MAX_ELEMENTS {
        return Ok(Node::unknown(cx.span, too_large(cx.name)));
    }
    let mut out = Vec::with_capacity(length);
    for i in 0..length {
        let row: Vec<Node> = cx.args[1..]
            .iter()
            .map(|arg| match arg.as_seq() {
                Some(items) => items[i].clone(),
                None => arg.clone(),
            })
            .collect();
        match printf(&spec, &row)? {
            Some(text) => out.push(Node::new(cx.span, NodeKind::Str(text))),
            None => {
                return Ok(Node::unknown(
                    cx.span,
                    "a `format` verb that is not evaluated",
                ))
            }
        }
    }
    Ok(cx.list(out))
}

/// Formats `values` by `spec`; `Ok(None)` for a verb or flag this evaluator does not know.
fn printf(spec: &str, values: &[Node]) -> Result<Option<String>, String> {
    let mut out = String::new();
    let mut chars = spec.chars().peekable();
    let mut next = 0;
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut flags = String::new();
        while let Some(&flag) = chars.peek().filter(|f| "-+ 0#".contains(**f)) {
            flags.push(flag);
            chars.next();
        }
        let mut width = String::new();
        while let Some(&digit) = chars.peek().filter(|d| d.is_ascii_digit()) {
            width.push(digit);
            chars.next();
        }
        let mut precision: Option<usize> = None;
        if chars.peek() == Some(&'.') {
            chars.next();
            let mut digits = String::new();
            while let Some(&digit) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(digit);
                chars.next();
            }
            precision = Some(digits.parse().unwrap_or(0));
        }
        let Some(verb) = chars.next() else {
            return Err("`format`: the specification ends in the middle of a verb".to_string());
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        if flags.contains(['#', ' ']) {
            return Ok(None);
        }
        let Some(value) = values.get(next) else {
            return Err(format!("`format`: not enough values for {spec:?}"));
        };
        next += 1;
        let text = match verb {
            's' => to_text(value).map_err(|e| format!("`format` %s: {e}"))?,
            'v' => match &value.kind {
                NodeKind::Seq(_) | NodeKind::Map(_) | NodeKind::Null => json_text(value)?,
                _ => to_text(value).map_err(|e| format!("`format` %v: {e}"))?,
            },
            'q' => json_text(&Node::new(
                value.span,
                NodeKind::Str(to_text(value).map_err(|e| format!("`format` %q: {e}"))?),
            ))?,
            't' => super::convert::to_bool(value)
                .map_err(|e| format!("`format` %t: {e}"))?
                .to_string(),
            'd' => {
                let n =
                    super::convert::to_number(value).map_err(|e| format!("`format` %d: {e}"))?;
                if n.fract() != 0.0 {
                    return Err(format!(
                        "`format` %d: {} is not a whole number",
                        number_text(n)
                    ));
                }
                let text = number_text(n);
                if flags.contains('+') && n >= 0.0 {
                    format!("+{text}")
                } else {
                    text
                }
            }
            'f' => {
                let n =
                    super::convert::to_number(value).map_err(|e| format!("`format` %f: {e}"))?;
                let text = format!("{n:.*}", precision.unwrap_or(6));
                if flags.contains('+') && n >= 0.0 {
                    format!("+{text}")
                } else {
                    text
                }
            }
            _ => return Ok(None),
        };
        let text = match (verb, precision) {
            ('s', Some(max)) => text.chars().take(max).collect(),
            _ => text,
        };
        let width: usize = width.parse().unwrap_or(0).min(1024);
        let pad = width.saturating_sub(text.chars().count());
        if flags.contains('-') {
            out.push_str(&text);
            out.extend(std::iter::repeat_n(' ', pad));
        } else if flags.contains('0') && matches!(verb, 'd' | 'f') {
            let (sign, digits) = match text.strip_prefix(['-', '+']) {
                Some(rest) => (&text[..1], rest),
                None => ("", text.as_str()),
            };
            out.push_str(sign);
            out.extend(std::iter::repeat_n('0', pad));
            out.push_str(digits);
        } else {
            out.extend(std::iter::repeat_n(' ', pad));
            out.push_str(&text);
        }
        if out.len() > MAX_STRING {
            return Ok(None);
        }
    }
    if next < values.len() {
        return Err(format!(
            "`format`: {} values given, {next} used",
            values.len()
        ));
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn case_and_trimming() {
        assert_eq!(run("lower", vec![s("AbC")]), "\"abc\"");
        assert_eq!(run("upper", vec![n(1.0)]), "\"1\"");
        assert_eq!(
            run("title", vec![s("hello big-world")]),
            "\"Hello Big-World\""
        );
        assert_eq!(run("trimspace", vec![s("  x \n")]), "\"x\"");
        assert_eq!(run("trim", vec![s("?!hi!?"), s("!?")]), "\"hi\"");
        assert_eq!(run("trimprefix", vec![s("arn:aws"), s("arn:")]), "\"aws\"");
        assert_eq!(run("trimsuffix", vec![s("a.tf"), s(".tf")]), "\"a\"");
        assert_eq!(run("chomp", vec![s("x\r\n\n")]), "\"x\"");
        assert_eq!(run("strrev", vec![s("abc")]), "\"cba\"");
        assert!(run("lower", vec![list(vec![])]).starts_with("error"));
    }

    #[test]
    fn predicates() {
        assert_eq!(run("startswith", vec![s("arn:aws"), s("arn:")]), "true");
        assert_eq!(run("endswith", vec![s("arn:aws"), s("x")]), "false");
        assert_eq!(run("strcontains", vec![s("0.0.0.0/0"), s("/0")]), "true");
        assert_eq!(run("strcontains", vec![unknown(), s("/0")]), "unknown");
    }

    #[test]
    fn substr_and_indent() {
        assert_eq!(run("substr", vec![s("hello"), n(1.0), n(3.0)]), "\"ell\"");
        assert_eq!(run("substr", vec![s("hello"), n(-3.0), n(-1.0)]), "\"llo\"");
        assert_eq!(run("substr", vec![s("hello"), n(4.0), n(10.0)]), "\"o\"");
        assert_eq!(run("substr", vec![s("hello"), n(9.0), n(1.0)]), "unknown");
        assert_eq!(run("indent", vec![n(2.0), s("a\nb")]), "\"a\\n  b\"");
    }

    #[test]
    fn join_split_replace() {
        let parts = list(vec![s("a"), n(1.0), b(true)]);
        assert_eq!(run("join", vec![s(","), parts]), "\"a,1,true\"");
        assert_eq!(run("join", vec![s(","), list(vec![unknown()])]), "unknown");
        assert!(run("join", vec![s(","), list(vec![null()])]).starts_with("error"));
        assert_eq!(
            run("split", vec![s(","), s("a,b,,c")]),
            "[\"a\",\"b\",\"\",\"c\"]"
        );
        assert_eq!(run("split", vec![s(","), s("")]), "[\"\"]");
        assert_eq!(
            run("replace", vec![s("a-b-c"), s("-"), s("_")]),
            "\"a_b_c\""
        );
    }

    #[test]
    fn format_verbs() {
        assert_eq!(
            run("format", vec![s("%s-%d"), s("web"), n(3.0)]),
            "\"web-3\""
        );
        assert_eq!(
            run(
                "format",
                vec![s("%03d|%-4s|%5.2f"), n(7.0), s("ab"), n(1.23456)]
            ),
            "\"007|ab  | 1.23\""
        );
        assert_eq!(
            run("format", vec![s("%v %t %%"), list(vec![n(1.0)]), b(true)]),
            "\"[1] true %\""
        );
        assert_eq!(
            run("format", vec![s("%q"), s("a\"b")]),
            "\"\\\"a\\\\\\\"b\\\"\""
        );
        assert!(run("format", vec![s("%d"), n(1.5)]).starts_with("error"));
        assert!(run("format", vec![s("%s %s"), s("a")]).starts_with("error"));
        assert_eq!(run("format", vec![s("%x"), n(1.0)]), "unknown");
        assert_eq!(run("format", vec![s("% d"), n(1.0)]), "unknown");
        assert_eq!(
            run("format", vec![s("%+d|%+.1f"), n(1.0), n(2.0)]),
            "\"+1|+2.0\""
        );
        assert_eq!(run("format", vec![s("%s"), unknown()]), "unknown");
        assert_eq!(
            run(
                "formatlist",
                vec![s("%s=%s"), list(vec![s("a"), s("b")]), s("x")]
            ),
            "[\"a=x\",\"b=x\"]"
        );
    }

    #[test]
    fn paths() {
        assert_eq!(run("basename", vec![s("a/b/c.txt")]), "\"c.txt\"");
        assert_eq!(run("dirname", vec![s("a/b/c.txt")]), "\"a/b\"");
        assert_eq!(run("dirname", vec![s("c.txt")]), "\".\"");
    }
}

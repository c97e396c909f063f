//! The Guard functions the native evaluator supports: `regex_replace` (with literal pattern
//! and replacement), `substring` (literal bounds), `join` (literal delimiter), `url_decode`,
//! `to_lower`,
//! `to_upper`, `count` and `parse_int`/`parse_float`/`parse_string`/`parse_boolean`, with
//! cfn-guard's results (a computed value keeps the path of the value it came from; values of
//! other types are dropped) and its errors.

use std::rc::Rc;

use super::ast::{Call, Function, LetValue};
use super::eval::{Error, Ev, Scope};
use super::query::QR;
use super::value::{Computed, Item, Origin, Scalar, Val};

impl<'a, 'r> Ev<'a, 'r> {
    /// A function call's values (cfn-guard's `resolve_function`).
    pub(super) fn call(
        &mut self,
        call: &'a Call,
        scope: &Scope<'a, '_>,
    ) -> Result<Vec<QR<'a>>, Error> {
        let mut args = Vec::with_capacity(call.args.len());
        for arg in &call.args {
            args.push(match arg {
                LetValue::Lit(lit) => vec![QR::Lit(Item::lit(lit))],
                LetValue::Query(query) => self.query(scope, &query.parts)?,
                LetValue::Call(inner) => self.call(inner, scope)?,
            });
        }
        let values = args.first().map(Vec::as_slice).unwrap_or_default();
        let computed = |value: Computed, item: &Item<'a>| {
            QR::Res(Item {
                val: Val::Computed(Rc::new(value), item.origin()),
            })
        };
        let strings = || {
            values.iter().filter_map(|value| match value {
                QR::Lit(item) | QR::Res(item) => match item.scalar() {
                    Scalar::Str(text) => Some((item, text.to_string())),
                    _ => None,
                },
                QR::Unres(_) => None,
            })
        };
        Ok(match &call.function {
            Function::RegexReplace(regex, replacement) => strings()
                .map(|(item, text)| {
                    let mut replaced = String::with_capacity(replacement.len() * 2);
                    for captures in regex.captures_iter(&text) {
                        captures.interpolate_string_into(&text, replacement, &mut replaced);
                    }
                    computed(Computed::Str(replaced), item)
                })
                .collect(),
            Function::UrlDecode => strings()
                .filter_map(|(item, text)| {
                    url_decode(&text).map(|decoded| computed(Computed::Str(decoded), item))
                })
                .collect(),
            Function::ToLower => strings()
                .map(|(item, text)| computed(Computed::Str(text.to_lowercase()), item))
                .collect(),
            Function::ToUpper => strings()
                .map(|(item, text)| computed(Computed::Str(text.to_uppercase()), item))
                .collect(),
            Function::Substring(from, to) => strings()
                .filter_map(|(item, text)| {
                    let length = text.chars().count();
                    (!text.is_empty() && from < to && *from <= length && *to <= length).then(|| {
                        let sub: String = text.chars().skip(*from).take(to - from).collect();
                        computed(Computed::Str(sub), item)
                    })
                })
                .collect(),
            Function::Join(delimiter) => {
                let mut joined = String::new();
                for (at, value) in values.iter().enumerate() {
                    match value {
                        QR::Lit(item) | QR::Res(item) => match item.scalar() {
                            Scalar::Str(text) => joined.push_str(text),
                            _ => {
                                return Err(Error::Incompatible(format!(
                                    "Joining non string values {}",
                                    self.display_located(item)
                                )))
                            }
                        },
                        QR::Unres(unresolved) => {
                            return Err(Error::Incompatible(format!(
                                "Joining unresolved values is not allowed {}, unsatisfied part {}",
                                self.display_located(&unresolved.traversed_to),
                                super::ast::display_parts(unresolved.remaining)
                            )))
                        }
                    }
                    if at + 1 < values.len() {
                        joined.push_str(delimiter);
                    }
                }
                let origin = match values.first() {
                    Some(QR::Lit(item) | QR::Res(item)) => item.origin(),
                    Some(QR::Unres(unresolved)) => unresolved.traversed_to.origin(),
                    None => Origin::Root,
                };
                vec![QR::Res(Item {
                    val: Val::Computed(Rc::new(Computed::Str(joined)), origin),
                })]
            }
            Function::ParseInt | Function::ParseFloat | Function::ParseBoolean => {
                let mut out = Vec::with_capacity(values.len());
                for value in values {
                    let (QR::Lit(item) | QR::Res(item)) = value else {
                        continue;
                    };
                    let converted = match (&call.function, item.scalar()) {
                        (Function::ParseInt, Scalar::Str(text)) => match text.parse::<i64>() {
                            Ok(i) => Computed::Int(i),
                            Err(_) => return Err(self.conversion_error(text, "an integer", item)),
                        },
                        (Function::ParseInt, Scalar::Int(i)) => Computed::Int(i),
                        (Function::ParseInt, Scalar::Float(f)) => Computed::Int(f as i64),
                        (Function::ParseFloat, Scalar::Str(text)) => match text.parse::<f64>() {
                            Ok(f) => Computed::Float(f),
                            Err(_) => return Err(self.conversion_error(text, "a float", item)),
                        },
                        (Function::ParseFloat, Scalar::Int(i)) => Computed::Float(i as f64),
                        (Function::ParseFloat, Scalar::Float(f)) => Computed::Float(f),
                        (Function::ParseBoolean, Scalar::Bool(b)) => Computed::Bool(b),
                        (Function::ParseBoolean, Scalar::Str(text)) => {
                            match text.to_lowercase().as_str() {
                                "true" => Computed::Bool(true),
                                "false" => Computed::Bool(false),
                                _ => return Err(self.conversion_error(text, "a boolean", item)),
                            }
                        }
                        _ => continue,
                    };
                    out.push(computed(converted, item));
                }
                out
            }
            Function::ParseString => values
                .iter()
                .filter_map(|value| {
                    let (QR::Lit(item) | QR::Res(item)) = value else {
                        return None;
                    };
                    let text = match item.scalar() {
                        Scalar::Int(i) => i.to_string(),
                        Scalar::Float(f) => f.to_string(),
                        Scalar::Bool(b) => b.to_string(),
                        Scalar::Str(text) => text.to_string(),
                        _ => return None,
                    };
                    Some(computed(Computed::Str(text), item))
                })
                .collect(),
            Function::Count => {
                let count = values
                    .iter()
                    .filter(|value| !matches!(value, QR::Unres(_)))
                    .count();
                let origin = match values.first() {
                    Some(QR::Lit(item) | QR::Res(item)) => item.origin(),
                    Some(QR::Unres(unresolved)) => unresolved.traversed_to.origin(),
                    None => Origin::Root,
                };
                let count = i64::try_from(count).unwrap_or(i64::MAX);
                vec![QR::Res(Item {
                    val: Val::Computed(Rc::new(Computed::Int(count)), origin),
                })]
            }
        })
    }
}

impl<'a, 'r> Ev<'a, 'r> {
    /// cfn-guard's error for a string a `parse_*` function cannot convert.
    fn conversion_error(&self, text: &str, into: &str, item: &Item<'a>) -> Error {
        Error::Incompatible(format!(
            "failed to convert a string: {text} into {into} at {}{}",
            item.path_text(self.document()),
            self.location(item)
        ))
    }

    /// cfn-guard's `Display` of a value, with its location.
    fn display_located(&self, item: &Item<'a>) -> String {
        format!(
            "Path={}{} Value={}",
            item.path_text(self.document()),
            self.location(item),
            item.value_display()
        )
    }
}

/// Percent-decoding as the `urlencoding` crate cfn-guard uses does it: `%XX` is a byte, a `%`
/// not followed by two hex digits stays, `+` stays; `None` when the bytes are not UTF-8.
fn url_decode(text: &str) -> Option<String> {
    let hex = |byte: u8| {
        char::from(byte)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'%' {
            out.push(bytes[at]);
            at += 1;
            continue;
        }
        match (bytes.get(at + 1), bytes.get(at + 2)) {
            (Some(&first), Some(&second)) => match (hex(first), hex(second)) {
                (Some(high), Some(low)) => {
                    out.push((high << 4) | low);
                    at += 3;
                }
                (Some(_), None) => {
                    out.extend_from_slice(&[b'%', first]);
                    at += 2;
                }
                (None, _) => {
                    out.push(b'%');
                    at += 1;
                }
            },
            _ => {
                out.extend_from_slice(&bytes[at..]);
                break;
            }
        }
    }
    String::from_utf8(out).ok()
}

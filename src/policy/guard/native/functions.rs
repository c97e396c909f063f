//! The Guard functions the native evaluator supports: `regex_replace` (with literal pattern
//! and replacement), `to_lower`, `to_upper` and `count`, with cfn-guard's results (a computed
//! string keeps the path of the value it came from; values of other types are dropped).

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
            Function::ToLower => strings()
                .map(|(item, text)| computed(Computed::Str(text.to_lowercase()), item))
                .collect(),
            Function::ToUpper => strings()
                .map(|(item, text)| computed(Computed::Str(text.to_uppercase()), item))
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

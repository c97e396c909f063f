//! Guard's comparison operators with cfn-guard's semantics: how two values compare (numbers
//! across int and float, strings against regexes, maps and lists structurally), and how `==`,
//! `in`, `<`... pair up the values of both sides (flattening lists, literal lists, string
//! containment for `in`), with `not` applied the way cfn-guard's operator wrapper applies it.

use std::cmp::Ordering;

use super::ast::Op;
use super::query::{Unres, QR};
use super::value::{Item, Kind, Scalar};

/// Why two values could not be compared (cfn-guard's `NotComparable` reason), written out
/// only when reported.
#[derive(Clone)]
pub(super) enum NotComparable<'a> {
    Floats,
    Kinds(Kind, Kind),
    /// A reason naming both values: its leading words and the values.
    Values(&'static str, Item<'a>, Item<'a>),
}

impl NotComparable<'_> {
    /// The reason as cfn-guard words it; `root` is the document, for values' paths.
    pub fn text(&self, root: &serde_json::Value) -> String {
        match self {
            NotComparable::Floats => "Float values are not comparable".to_string(),
            NotComparable::Kinds(first, other) => format!(
                "PathAwareValues are not comparable {}, {}",
                first.name(),
                other.name()
            ),
            NotComparable::Values(words, lhs, rhs) => {
                format!("{words}, {}, {}", lhs.display(root), rhs.display(root))
            }
        }
    }
}

/// Orders an integer against a float without a lossy conversion (cfn-guard's
/// `compare_int_to_float`).
fn compare_int_to_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    if f >= TWO_POW_63 {
        return Some(Ordering::Less);
    }
    if f < -TWO_POW_63 {
        return Some(Ordering::Greater);
    }
    let truncated = f.floor();
    Some(match i.cmp(&(truncated as i64)) {
        Ordering::Equal if f > truncated => Ordering::Less,
        ordering => ordering,
    })
}

fn compare_values<'a>(first: &Item<'a>, other: &Item<'a>) -> Result<Ordering, NotComparable<'a>> {
    let float_error = || NotComparable::Floats;
    match (first.scalar(), other.scalar()) {
        (Scalar::Null, Scalar::Null) => Ok(Ordering::Equal),
        (Scalar::Int(i), Scalar::Int(o)) => Ok(i.cmp(&o)),
        (Scalar::Str(s), Scalar::Str(o)) => Ok(s.cmp(o)),
        (Scalar::Float(f), Scalar::Float(s)) => f.partial_cmp(&s).ok_or_else(float_error),
        (Scalar::Int(i), Scalar::Float(f)) => compare_int_to_float(i, f).ok_or_else(float_error),
        (Scalar::Float(f), Scalar::Int(i)) => compare_int_to_float(i, f)
            .map(Ordering::reverse)
            .ok_or_else(float_error),
        _ => Err(NotComparable::Kinds(first.kind(), other.kind())),
    }
}

/// cfn-guard's `compare_eq`.
pub(super) fn compare_eq<'a>(
    first: &Item<'a>,
    second: &Item<'a>,
) -> Result<bool, NotComparable<'a>> {
    match (first.scalar(), second.scalar()) {
        (Scalar::Str(s), Scalar::Regex(regex, _)) | (Scalar::Regex(regex, _), Scalar::Str(s)) => {
            Ok(regex.is_match(s))
        }
        (Scalar::Str(a), Scalar::Str(b)) => Ok(a == b),
        (Scalar::Map, Scalar::Map) => {
            if first.len() != second.len() {
                return Ok(false);
            }
            for (key, value) in first.entries() {
                let Scalar::Str(name) = key.scalar() else {
                    return Ok(false);
                };
                match second.get(name) {
                    Some(other) => {
                        if !compare_eq(&value, &other)? {
                            return Ok(false);
                        }
                    }
                    None => return Ok(false),
                }
            }
            Ok(true)
        }
        (Scalar::List, Scalar::List) => {
            let (left, right) = (first.elements(), second.elements());
            if left.len() != right.len() {
                return Ok(false);
            }
            for (a, b) in left.iter().zip(&right) {
                if !compare_eq(a, b)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        (Scalar::Bool(a), Scalar::Bool(b)) => Ok(a == b),
        (Scalar::Regex(_, a), Scalar::Regex(_, b)) => Ok(a == b),
        (Scalar::Int(value), Scalar::RangeInt(lower, upper, flags)) => {
            Ok(within(value.cmp(&lower), value.cmp(&upper), flags))
        }
        (Scalar::Float(value), Scalar::RangeFloat(lower, upper, flags)) => Ok(
            match (value.partial_cmp(&lower), value.partial_cmp(&upper)) {
                (Some(low), Some(high)) => within(low, high, flags),
                _ => false,
            },
        ),
        (Scalar::Int(value), Scalar::RangeFloat(lower, upper, flags)) => Ok(
            match (
                compare_int_to_float(value, lower),
                compare_int_to_float(value, upper),
            ) {
                (Some(low), Some(high)) => within(low, high, flags),
                _ => false,
            },
        ),
        (Scalar::Float(value), Scalar::RangeInt(lower, upper, flags)) => Ok(
            match (
                compare_int_to_float(lower, value).map(Ordering::reverse),
                compare_int_to_float(upper, value).map(Ordering::reverse),
            ) {
                (Some(low), Some(high)) => within(low, high, flags),
                _ => false,
            },
        ),
        _ => Ok(compare_values(first, second)? == Ordering::Equal),
    }
}

/// Whether a value ordered so against a range's bounds is inside it.
fn within(against_lower: Ordering, against_upper: Ordering, flags: u8) -> bool {
    use super::ast::{LOWER_INCLUSIVE, UPPER_INCLUSIVE};
    let above = match against_lower {
        Ordering::Greater => true,
        Ordering::Equal => flags & LOWER_INCLUSIVE != 0,
        Ordering::Less => false,
    };
    let below = match against_upper {
        Ordering::Less => true,
        Ordering::Equal => flags & UPPER_INCLUSIVE != 0,
        Ordering::Greater => false,
    };
    above && below
}

/// cfn-guard's `PartialEq` of values (used by list membership): like `compare_eq` but never an
/// error, incomparable values being unequal.
pub(super) fn value_eq(first: &Item<'_>, second: &Item<'_>) -> bool {
    match (first.scalar(), second.scalar()) {
        (Scalar::Map, Scalar::Map) => {
            first.len() == second.len()
                && first
                    .entries()
                    .iter()
                    .all(|(key, value)| match key.scalar() {
                        Scalar::Str(name) => second
                            .get(name)
                            .is_some_and(|other| value_eq(value, &other)),
                        _ => false,
                    })
        }
        (Scalar::List, Scalar::List) => {
            let (left, right) = (first.elements(), second.elements());
            left.len() == right.len() && left.iter().zip(&right).all(|(a, b)| value_eq(a, b))
        }
        (Scalar::Bool(a), Scalar::Bool(b)) => a == b,
        (Scalar::Str(s), Scalar::Regex(regex, _)) | (Scalar::Regex(regex, _), Scalar::Str(s)) => {
            regex.is_match(s)
        }
        (Scalar::Regex(_, a), Scalar::Regex(_, b)) => a == b,
        (Scalar::RangeInt(a, b, f), Scalar::RangeInt(c, d, g)) => (a, b, f) == (c, d, g),
        (Scalar::RangeFloat(a, b, f), Scalar::RangeFloat(c, d, g)) => a == c && b == d && f == g,
        (Scalar::RangeChar(a, b, f), Scalar::RangeChar(c, d, g)) => (a, b, f) == (c, d, g),
        _ => matches!(compare_values(first, second), Ok(Ordering::Equal)),
    }
}

fn contains(list: &[Item<'_>], value: &Item<'_>) -> bool {
    list.iter().any(|each| value_eq(each, value))
}

fn ordering(op: Op) -> fn(Ordering) -> bool {
    match op {
        Op::Lt => |o| o == Ordering::Less,
        Op::Le => |o| o != Ordering::Greater,
        Op::Gt => |o| o == Ordering::Greater,
        _ => |o| o != Ordering::Less,
    }
}

/// How the values of one comparison went.
#[derive(Clone)]
pub(super) enum Compared<'a> {
    Value(Item<'a>, Item<'a>),
    QueryIn {
        diff: Vec<Item<'a>>,
        lhs: Vec<Item<'a>>,
        rhs: Vec<Item<'a>>,
    },
    ListIn {
        diff: Vec<Item<'a>>,
        lhs: Item<'a>,
        rhs: Item<'a>,
    },
    ValueIn(Item<'a>, Item<'a>),
}

pub(super) enum Outcome<'a> {
    LhsUnresolved(Unres<'a>),
    RhsUnresolved(Unres<'a>, Item<'a>),
    NotComparable(NotComparable<'a>, Item<'a>, Item<'a>),
    Success(Compared<'a>),
    Fail(Compared<'a>),
}

pub(super) enum Evaluated<'a> {
    /// The left-hand side selected nothing.
    Skip,
    /// The right-hand side resolved to nothing, for a positive comparison.
    EmptyRhsUnsatisfiable,
    /// The right-hand side resolved to nothing, for a negated comparison.
    EmptyRhsVacuouslyTrue,
    Results(Vec<Outcome<'a>>),
}

fn match_value<'a>(
    lhs: Item<'a>,
    rhs: Item<'a>,
    compare: impl Fn(&Item<'a>, &Item<'a>) -> Result<bool, NotComparable<'a>>,
) -> Outcome<'a> {
    match compare(&lhs, &rhs) {
        Ok(true) => Outcome::Success(Compared::Value(lhs, rhs)),
        Ok(false) => Outcome::Fail(Compared::Value(lhs, rhs)),
        Err(reason) => Outcome::NotComparable(reason, lhs, rhs),
    }
}

fn is_literal<'a>(results: &[QR<'a>]) -> Option<Item<'a>> {
    match results {
        [QR::Lit(item)] => Some(item.clone()),
        _ => None,
    }
}

fn selected<'a>(results: &[QR<'a>], mut unresolved: impl FnMut(&Unres<'a>)) -> Vec<Item<'a>> {
    let mut out = Vec::with_capacity(results.len());
    for each in results {
        match each {
            QR::Lit(item) | QR::Res(item) => out.push(item.clone()),
            QR::Unres(ur) => unresolved(ur),
        }
    }
    out
}

fn flattened<'a>(results: &[QR<'a>], mut unresolved: impl FnMut(&Unres<'a>)) -> Vec<Item<'a>> {
    let mut out = Vec::with_capacity(results.len());
    for each in results {
        match each {
            QR::Lit(item) | QR::Res(item) => {
                if item.is_list() {
                    out.extend(item.elements());
                } else {
                    out.push(item.clone());
                }
            }
            QR::Unres(ur) => unresolved(ur),
        }
    }
    out
}

/// The left-hand side's stops, reported before its values are compared (the order
/// cfn-guard's `selected` gives).
fn unresolved_first<'a>(lhs: &[QR<'a>], results: &mut Vec<Outcome<'a>>) {
    for each in lhs {
        if let QR::Unres(ur) = each {
            results.push(Outcome::LhsUnresolved(ur.clone()));
        }
    }
}

/// The values found, without their stops.
fn resolved<'s, 'a>(results: &'s [QR<'a>]) -> impl Iterator<Item = Item<'a>> + 's {
    results.iter().filter_map(|each| match each {
        QR::Lit(item) | QR::Res(item) => Some(item.clone()),
        QR::Unres(_) => None,
    })
}

fn string_in<'a>(lhs: Item<'a>, rhs: Item<'a>) -> Outcome<'a> {
    match (lhs.scalar(), rhs.scalar()) {
        (Scalar::Str(l), Scalar::Str(r)) => {
            if r.contains(l) {
                Outcome::Success(Compared::Value(lhs, rhs))
            } else {
                Outcome::Fail(Compared::Value(lhs, rhs))
            }
        }
        _ => Outcome::NotComparable(
            NotComparable::Values("Type not comparable", lhs.clone(), rhs.clone()),
            lhs,
            rhs,
        ),
    }
}

fn contained_in<'a>(lhs: Item<'a>, rhs: Item<'a>) -> Outcome<'a> {
    if lhs.is_list() {
        if !rhs.is_list() {
            let reason = NotComparable::Values("Can not compare type", lhs.clone(), rhs.clone());
            return Outcome::NotComparable(reason, lhs, rhs);
        }
        let rhs_list = rhs.elements();
        if rhs_list.first().is_some_and(Item::is_list) {
            return if rhs.any_element(|each| value_eq(each, &lhs)) {
                Outcome::Success(Compared::ListIn {
                    diff: Vec::new(),
                    lhs,
                    rhs,
                })
            } else {
                Outcome::Fail(Compared::ListIn {
                    diff: vec![lhs.clone()],
                    lhs,
                    rhs,
                })
            };
        }
        let diff: Vec<Item<'a>> = lhs
            .elements()
            .into_iter()
            .filter(|each| !contains(&rhs_list, each))
            .collect();
        return if diff.is_empty() {
            Outcome::Success(Compared::ListIn { diff, lhs, rhs })
        } else {
            Outcome::Fail(Compared::ListIn { diff, lhs, rhs })
        };
    }
    if rhs.is_list() {
        if rhs.any_element(|each| value_eq(each, &lhs)) {
            Outcome::Success(Compared::ValueIn(lhs, rhs))
        } else {
            Outcome::Fail(Compared::ValueIn(lhs, rhs))
        }
    } else {
        match_value(lhs, rhs, compare_eq)
    }
}

fn eq_operation<'a>(lhs: &[QR<'a>], rhs: &[QR<'a>]) -> Vec<Outcome<'a>> {
    let mut results = Vec::with_capacity(lhs.len());
    match (is_literal(lhs), is_literal(rhs)) {
        (Some(l), Some(r)) => results.push(match_value(l, r, compare_eq)),
        (Some(l), None) => {
            let mut unresolved = Vec::new();
            let rhs = selected(rhs, |ur| unresolved.push(ur.clone()));
            results.extend(
                unresolved
                    .into_iter()
                    .map(|ur| Outcome::RhsUnresolved(ur, l.clone())),
            );
            if l.is_list() {
                for each in rhs {
                    results.push(match_value(l.clone(), each, compare_eq));
                }
            } else {
                for each in rhs {
                    if each.is_list() {
                        for element in each.elements() {
                            results.push(match_value(l.clone(), element, compare_eq));
                        }
                    } else {
                        results.push(match_value(l.clone(), each, compare_eq));
                    }
                }
            }
        }
        (None, Some(r)) => {
            unresolved_first(lhs, &mut results);
            if r.is_list() {
                let rhs_list = r.elements();
                for each in resolved(lhs) {
                    if each.is_scalar() && rhs_list.len() == 1 {
                        results.push(match_value(each, rhs_list[0].clone(), compare_eq));
                    } else {
                        results.push(match_value(each, r.clone(), compare_eq));
                    }
                }
            } else {
                for each in resolved(lhs) {
                    if each.is_list() {
                        for element in each.elements() {
                            results.push(match_value(element, r.clone(), compare_eq));
                        }
                    } else {
                        results.push(match_value(each, r.clone(), compare_eq));
                    }
                }
            }
        }
        (None, None) => {
            let lhs = selected(lhs, |ur| results.push(Outcome::LhsUnresolved(ur.clone())));
            let mut unresolved = Vec::new();
            let rhs = selected(rhs, |ur| unresolved.push(ur.clone()));
            for ur in unresolved {
                results.extend(
                    lhs.iter()
                        .map(|l| Outcome::RhsUnresolved(ur.clone(), l.clone())),
                );
            }
            let diff: Vec<Item<'a>> = if lhs.len() > rhs.len() {
                lhs.iter().filter(|e| !contains(&rhs, e)).cloned().collect()
            } else {
                rhs.iter().filter(|e| !contains(&lhs, e)).cloned().collect()
            };
            results.push(query_in(diff, lhs, rhs));
        }
    }
    results
}

/// A whole-query comparison: it holds when no value is left over (`diff`).
fn query_in<'a>(diff: Vec<Item<'a>>, lhs: Vec<Item<'a>>, rhs: Vec<Item<'a>>) -> Outcome<'a> {
    let holds = diff.is_empty();
    let compared = Compared::QueryIn { diff, lhs, rhs };
    if holds {
        Outcome::Success(compared)
    } else {
        Outcome::Fail(compared)
    }
}

fn in_operation<'a>(lhs: &[QR<'a>], rhs: &[QR<'a>]) -> Vec<Outcome<'a>> {
    let mut results = Vec::with_capacity(lhs.len());
    match (is_literal(lhs), is_literal(rhs)) {
        (Some(l), Some(r)) => {
            results.push(match string_in(l.clone(), r.clone()) {
                success @ Outcome::Success(_) => success,
                _ => contained_in(l, r),
            });
        }
        (Some(l), None) => {
            let mut unresolved = Vec::new();
            let rhs = selected(rhs, |ur| unresolved.push(ur.clone()));
            results.extend(
                unresolved
                    .into_iter()
                    .map(|ur| Outcome::RhsUnresolved(ur, l.clone())),
            );
            if rhs.iter().any(Item::is_list) {
                for r in rhs {
                    results.push(contained_in(l.clone(), r));
                }
            } else if l.is_list() {
                let diff: Vec<Item<'a>> = l
                    .elements()
                    .into_iter()
                    .filter(|e| !contains(&rhs, e))
                    .collect();
                let compared = Compared::QueryIn {
                    diff,
                    rhs,
                    lhs: vec![l.clone()],
                };
                results.push(match &compared {
                    Compared::QueryIn { diff, .. } if diff.is_empty() => Outcome::Success(compared),
                    _ => Outcome::Fail(compared),
                });
            } else {
                for r in rhs {
                    results.push(contained_in(l.clone(), r));
                }
            }
        }
        (None, Some(r)) => {
            unresolved_first(lhs, &mut results);
            for l in resolved(lhs) {
                if matches!(r.scalar(), Scalar::Str(_)) {
                    if l.is_list() {
                        for element in l.elements() {
                            results.push(string_in(element, r.clone()));
                        }
                    } else {
                        results.push(string_in(l, r.clone()));
                    }
                } else {
                    results.push(contained_in(l, r.clone()));
                }
            }
        }
        (None, None) => {
            let lhs = selected(lhs, |ur| results.push(Outcome::LhsUnresolved(ur.clone())));
            let mut unresolved = Vec::new();
            let rhs = selected(rhs, |ur| unresolved.push(ur.clone()));
            for ur in unresolved {
                results.extend(
                    lhs.iter()
                        .map(|l| Outcome::RhsUnresolved(ur.clone(), l.clone())),
                );
            }
            let diff: Vec<Item<'a>> = lhs
                .iter()
                .filter(|l| {
                    !rhs.iter().any(|r| {
                        matches!(contained_in((*l).clone(), r.clone()), Outcome::Success(_))
                    })
                })
                .cloned()
                .collect();
            results.push(query_in(diff, lhs, rhs));
        }
    }
    results
}

fn ordered_operation<'a>(op: Op, lhs: &[QR<'a>], rhs: &[QR<'a>]) -> Vec<Outcome<'a>> {
    let mut results = Vec::with_capacity(lhs.len());
    let lhs = flattened(lhs, |ur| results.push(Outcome::LhsUnresolved(ur.clone())));
    let mut unresolved = Vec::new();
    let rhs = flattened(rhs, |ur| unresolved.push(ur.clone()));
    for ur in unresolved {
        results.extend(
            lhs.iter()
                .map(|l| Outcome::RhsUnresolved(ur.clone(), l.clone())),
        );
    }
    let holds = ordering(op);
    for l in &lhs {
        for r in &rhs {
            results.push(match_value(l.clone(), r.clone(), |a, b| {
                compare_values(a, b).map(holds)
            }));
        }
    }
    results
}

/// A binary comparison `lhs op rhs`, `not` applied (cfn-guard's `(CmpOperator, bool)`
/// comparator).
pub(super) fn compare<'a>(op: Op, not: bool, lhs: &[QR<'a>], rhs: &[QR<'a>]) -> Evaluated<'a> {
    if lhs.is_empty() {
        return Evaluated::Skip;
    }
    if rhs.is_empty() {
        return if not {
            Evaluated::EmptyRhsVacuouslyTrue
        } else {
            Evaluated::EmptyRhsUnsatisfiable
        };
    }
    let results = match op {
        Op::Eq => eq_operation(lhs, rhs),
        Op::In => in_operation(lhs, rhs),
        _ => ordered_operation(op, lhs, rhs),
    };
    if !not {
        return Evaluated::Results(results);
    }
    let (lhs_len, rhs_len) = (lhs.len(), rhs.len());
    Evaluated::Results(
        results
            .into_iter()
            .map(|outcome| match outcome {
                Outcome::Fail(Compared::QueryIn { diff, lhs, rhs }) => {
                    let reverse: Vec<Item<'a>> = if rhs_len >= lhs_len && op == Op::Eq {
                        rhs.iter()
                            .filter(|e| !contains(&diff, e))
                            .cloned()
                            .collect()
                    } else {
                        lhs.iter()
                            .filter(|e| !contains(&diff, e))
                            .cloned()
                            .collect()
                    };
                    let empty = reverse.is_empty();
                    let compared = Compared::QueryIn {
                        diff: reverse,
                        lhs,
                        rhs,
                    };
                    if empty {
                        Outcome::Success(compared)
                    } else {
                        Outcome::Fail(compared)
                    }
                }
                Outcome::Fail(Compared::ListIn { diff, lhs, rhs }) => {
                    let reverse: Vec<Item<'a>> = lhs
                        .elements()
                        .into_iter()
                        .filter(|e| !contains(&diff, e))
                        .collect();
                    let empty = reverse.is_empty();
                    let compared = Compared::ListIn {
                        diff: reverse,
                        lhs,
                        rhs,
                    };
                    if empty {
                        Outcome::Success(compared)
                    } else {
                        Outcome::Fail(compared)
                    }
                }
                Outcome::Fail(rest) => Outcome::Success(rest),
                Outcome::Success(Compared::QueryIn { lhs, rhs, .. }) => {
                    Outcome::Fail(Compared::QueryIn {
                        diff: lhs.clone(),
                        lhs,
                        rhs,
                    })
                }
                Outcome::Success(Compared::ListIn { lhs, rhs, .. }) => {
                    Outcome::Fail(Compared::ListIn {
                        diff: lhs.elements(),
                        lhs,
                        rhs,
                    })
                }
                Outcome::Success(rest) => Outcome::Fail(rest),
                rest => rest,
            })
            .collect(),
    )
}

/// The outcome of one key against the right-hand side in a map key filter
/// (cfn-guard's `each_lhs_compare`).
pub(super) enum KeyCompared<'a> {
    Comparable(bool, Item<'a>, Item<'a>),
    NotComparable(Item<'a>, Item<'a>),
    UnresolvedRhs(Unres<'a>, Item<'a>),
}

pub(super) fn each_lhs_compare<'a>(
    compare: impl Fn(&Item<'a>, &Item<'a>) -> Result<bool, NotComparable<'a>>,
    lhs: &Item<'a>,
    rhs: &[QR<'a>],
) -> Vec<KeyCompared<'a>> {
    let mut out = Vec::with_capacity(rhs.len());
    for each in rhs {
        match each {
            QR::Lit(r) | QR::Res(r) => match compare(lhs, r) {
                Ok(outcome) => out.push(KeyCompared::Comparable(outcome, lhs.clone(), r.clone())),
                Err(_) => {
                    if lhs.is_list() {
                        for element in lhs.elements() {
                            out.push(match compare(&element, r) {
                                Ok(outcome) => KeyCompared::Comparable(outcome, element, r.clone()),
                                Err(_) => KeyCompared::NotComparable(element, r.clone()),
                            });
                        }
                        continue;
                    }
                    if lhs.is_scalar() && matches!(each, QR::Lit(_)) && r.is_list() {
                        let elements = r.elements();
                        if elements.len() == 1 {
                            let single = elements[0].clone();
                            out.push(match compare(lhs, &single) {
                                Ok(outcome) => {
                                    KeyCompared::Comparable(outcome, lhs.clone(), single)
                                }
                                Err(_) => KeyCompared::NotComparable(lhs.clone(), single),
                            });
                            continue;
                        }
                    }
                    out.push(KeyCompared::NotComparable(lhs.clone(), r.clone()));
                }
            },
            QR::Unres(ur) => out.push(KeyCompared::UnresolvedRhs(ur.clone(), lhs.clone())),
        }
    }
    out
}

/// cfn-guard's `in_cmp`: string containment, list membership, or equality.
pub(super) fn in_cmp<'a>(
    not_in: bool,
) -> impl Fn(&Item<'a>, &Item<'a>) -> Result<bool, NotComparable<'a>> {
    move |lhs, rhs| {
        let result = match (lhs.scalar(), rhs.scalar()) {
            (Scalar::Str(l), Scalar::Str(r)) => r.contains(l),
            (_, Scalar::List) => {
                let mut found = false;
                for each in rhs.elements() {
                    found |= compare_eq(lhs, &each)?;
                }
                found
            }
            _ => compare_eq(lhs, rhs)?,
        };
        Ok(result != not_in)
    }
}

/// `compare_eq`, inverted for `!=`.
pub(super) fn eq_cmp<'a>(
    not_eq: bool,
) -> impl Fn(&Item<'a>, &Item<'a>) -> Result<bool, NotComparable<'a>> {
    move |lhs, rhs| Ok(compare_eq(lhs, rhs)? != not_eq)
}

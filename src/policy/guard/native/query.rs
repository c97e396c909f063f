//! Query retrieval (`Resources.*[ Type == 'x' ].Properties.Tags[*].Key`) over borrowed
//! document values, step for step as cfn-guard's `query_retrieval_with_converter` does it:
//! which steps stop short (a missing key is an unresolved result remembering the deepest value
//! reached and the rest of the query), the case-converted retries of missing keys, filters and
//! map key filters, and the scope each filter's clauses are evaluated in.

use super::ast::{LetValue, MapKeyOp, Part};
use super::compare::{each_lhs_compare, eq_cmp, in_cmp, KeyCompared};
use super::eval::{Error, Ev, Role, Scope, Status};
use super::report::Rep;
use super::value::{Item, Scalar};

/// A query that stopped short: the deepest value reached and the query left.
#[derive(Clone)]
pub(super) struct Unres<'a> {
    pub traversed_to: Item<'a>,
    pub remaining: &'a [Part],
}

/// One result of a query: a literal of the rules file, a value found, or a stop.
#[derive(Clone)]
pub(super) enum QR<'a> {
    Lit(Item<'a>),
    Res(Item<'a>),
    Unres(Unres<'a>),
}

fn unresolved<'a>(current: Item<'a>, remaining: &'a [Part]) -> Vec<QR<'a>> {
    vec![QR::Unres(Unres {
        traversed_to: current,
        remaining,
    })]
}

/// cfn-guard's `index_offset`: a negative index counts from the end.
fn index_offset(index: i64, len: usize) -> Option<usize> {
    let magnitude = usize::try_from(index.unsigned_abs()).ok()?;
    let offset = if index < 0 {
        len.checked_sub(magnitude)?
    } else {
        magnitude
    };
    (offset < len).then_some(offset)
}

impl<'a, 'r> Ev<'a, 'r> {
    /// All results of `query` from `current`. `resolver` is the scope cfn-guard passes along
    /// (filters on a wildcard evaluate their clauses in it); `converter` is the case
    /// conversion that matched a missing key earlier in this query.
    pub(super) fn retrieve(
        &mut self,
        at: usize,
        query: &'a [Part],
        current: Item<'a>,
        resolver: &Scope<'a, '_>,
        converter: Option<usize>,
    ) -> Result<Vec<QR<'a>>, Error> {
        self.enter()?;
        let result = self.retrieve_step(at, query, current, resolver, converter);
        self.depth -= 1;
        result
    }

    fn retrieve_step(
        &mut self,
        at: usize,
        query: &'a [Part],
        current: Item<'a>,
        resolver: &Scope<'a, '_>,
        converter: Option<usize>,
    ) -> Result<Vec<QR<'a>>, Error> {
        let Some(part) = query.get(at) else {
            return Ok(vec![QR::Res(current)]);
        };
        match part {
            Part::Variable(name) if at > 0 => {
                self.interpolate(at, query, current, name, resolver, converter)
            }
            Part::Variable(name) => {
                let values = self.resolve_variable(resolver.frame, name)?;
                let next = match query.get(at + 1) {
                    Some(Part::AllIndices) => at + 2,
                    _ => at + 1,
                };
                let mut out = Vec::with_capacity(values.len());
                for each in values {
                    match &each {
                        QR::Unres(_) => out.push(each),
                        QR::Lit(value) | QR::Res(value) => {
                            if next < query.len() {
                                let scope = resolver.value_scope(value.clone());
                                out.extend(self.retrieve(
                                    next,
                                    query,
                                    value.clone(),
                                    &scope,
                                    converter,
                                )?);
                            } else {
                                out.push(each);
                            }
                        }
                    }
                }
                Ok(out)
            }
            Part::This => self.retrieve(at + 1, query, current, resolver, converter),
            Part::Key {
                index: Some(index), ..
            } => {
                if current.is_list() {
                    self.index(at, query, current, *index, resolver, converter)
                } else {
                    Ok(unresolved(current, query))
                }
            }
            Part::Key {
                name,
                conversions,
                tries,
                ..
            } => {
                if !current.is_map() {
                    return Ok(unresolved(current, &query[at..]));
                }
                if let Some(value) = current.get(name) {
                    return self.retrieve(at + 1, query, value, resolver, converter);
                }
                match converter {
                    Some(which) => {
                        if let Some(value) = conversions.get(which).and_then(|k| current.get(k)) {
                            return self.retrieve(at + 1, query, value, resolver, converter);
                        }
                    }
                    None => {
                        for &which in tries {
                            if let Some(value) = current.get(&conversions[which]) {
                                return self.retrieve(at + 1, query, value, resolver, Some(which));
                            }
                        }
                    }
                }
                Ok(unresolved(current, &query[at..]))
            }
            Part::Index(index) => {
                if current.is_list() {
                    self.index(at, query, current, *index, resolver, converter)
                } else {
                    Ok(unresolved(current, &query[at..]))
                }
            }
            Part::AllIndices => {
                if current.is_list() {
                    self.accumulate(at, query, current, resolver, converter)
                } else {
                    self.retrieve(at + 1, query, current, resolver, converter)
                }
            }
            Part::AllValues => {
                if current.is_list() {
                    self.accumulate(at, query, current, resolver, converter)
                } else if current.is_map() {
                    let values = current.map_values();
                    if values.is_empty() {
                        return Ok(unresolved(current, &query[at..]));
                    }
                    let mut out = Vec::with_capacity(values.len());
                    for value in values {
                        let scope = resolver.value_scope(value.clone());
                        out.extend(self.retrieve(at + 1, query, value, &scope, converter)?);
                    }
                    Ok(out)
                } else {
                    self.retrieve(at + 1, query, current, resolver, converter)
                }
            }
            Part::Filter(conj) => {
                if current.is_map() {
                    let after_wildcard = matches!(
                        query.get(at.wrapping_sub(1)),
                        Some(Part::AllValues | Part::AllIndices)
                    );
                    if after_wildcard {
                        // The clauses run in the resolver passed along, whatever its root.
                        if self.filter_passes(conj, resolver, true)? {
                            return self.retrieve(at + 1, query, current, resolver, converter);
                        }
                        return Ok(Vec::new());
                    }
                    let mut out = Vec::new();
                    for value in current.map_values() {
                        let scope = resolver.value_scope(value.clone());
                        if self.filter_passes(conj, &scope, true)? {
                            out.extend(self.retrieve(at + 1, query, value, &scope, converter)?);
                        }
                    }
                    Ok(out)
                } else if current.is_list() {
                    let mut out = Vec::new();
                    for element in current.elements() {
                        let scope = resolver.value_scope(element.clone());
                        if self.filter_passes(conj, &scope, true)? {
                            out.extend(self.retrieve(
                                at + 1,
                                query,
                                element,
                                resolver,
                                converter,
                            )?);
                        }
                    }
                    Ok(out)
                } else if matches!(query.get(at.wrapping_sub(1)), Some(Part::AllIndices)) {
                    // No filter record here in cfn-guard: the clauses' records are the
                    // enclosing clause's, and reach its report.
                    let scope = resolver.value_scope(current.clone());
                    if self.filter_passes(conj, &scope, false)? {
                        self.retrieve(at + 1, query, current, resolver, converter)
                    } else {
                        Ok(Vec::new())
                    }
                } else {
                    Ok(unresolved(current, &query[at..]))
                }
            }
            Part::MapKeyFilter(op, rhs) => {
                if !current.is_map() {
                    return Ok(unresolved(current, &query[at..]));
                }
                let rhs = match rhs {
                    LetValue::Query(rhs) => {
                        self.retrieve(0, &rhs.parts, current.clone(), resolver, converter)?
                    }
                    LetValue::Lit(lit) => vec![QR::Lit(Item::lit(lit))],
                    LetValue::Call(call) => self.call(call, resolver)?,
                };
                let entries = current.entries();
                let op = match (*op, rhs.len() > 1) {
                    (MapKeyOp::Eq, true) => MapKeyOp::In,
                    (MapKeyOp::NotEq, true) => MapKeyOp::NotIn,
                    (op, _) => op,
                };
                let mut selected = Vec::new();
                for (key, value) in entries {
                    if self.key_passes(op, &key, &rhs) {
                        selected.push(value);
                    }
                }
                let mut out = Vec::with_capacity(selected.len());
                for value in selected {
                    out.extend(self.retrieve(at + 1, query, value, resolver, converter)?);
                }
                Ok(out)
            }
        }
    }

    /// `Resources.%names...`: the variable's values are keys of the current map (cfn-guard's
    /// variable interpolation in its key step).
    fn interpolate(
        &mut self,
        at: usize,
        query: &'a [Part],
        current: Item<'a>,
        name: &str,
        resolver: &Scope<'a, '_>,
        converter: Option<usize>,
    ) -> Result<Vec<QR<'a>>, Error> {
        if !current.is_map() {
            return Ok(unresolved(current, &query[at..]));
        }
        let keys = self.resolve_variable(resolver.frame, name)?;
        let (keys, next) = match query.get(at + 1) {
            None | Some(Part::AllIndices | Part::Key { .. } | Part::Variable(_)) => (keys, at + 1),
            Some(Part::Index(index)) => match index_offset(*index, keys.len()) {
                Some(offset) => (vec![keys[offset].clone()], at + 2),
                None => return Ok(unresolved(current, &query[at..])),
            },
            Some(_) => {
                return Err(Error::Incompatible(format!(
                    "This type of query {} based variable interpolation is not supported {}, {}",
                    super::ast::display_parts(&query[1..2]),
                    current.kind().name(),
                    super::ast::display_parts(query)
                )))
            }
        };
        let mut out = Vec::with_capacity(keys.len());
        for key in keys {
            let key = match key {
                QR::Unres(_) => {
                    out.extend(unresolved(current.clone(), &query[at..]));
                    continue;
                }
                QR::Lit(key) | QR::Res(key) => key,
            };
            let names: Vec<Item<'a>> = if key.is_list() {
                key.elements()
            } else {
                vec![key]
            };
            for key in names {
                let Scalar::Str(text) = key.scalar() else {
                    return Err(Error::NotComparable(format!(
                        "Variable projections inside Query {}, is returning a non-string value for key {}, {}",
                        super::ast::display_parts(query),
                        key.kind().name(),
                        self.debug_value(&key)
                    )));
                };
                match current.get(text) {
                    Some(value) => {
                        out.extend(self.retrieve(next, query, value, resolver, converter)?)
                    }
                    None => out.extend(unresolved(current.clone(), &query[at..])),
                }
            }
        }
        Ok(out)
    }

    fn index(
        &mut self,
        at: usize,
        query: &'a [Part],
        current: Item<'a>,
        index: i64,
        resolver: &Scope<'a, '_>,
        converter: Option<usize>,
    ) -> Result<Vec<QR<'a>>, Error> {
        let elements = current.elements();
        match index_offset(index, elements.len()) {
            Some(offset) => {
                let element = elements[offset].clone();
                self.retrieve(at + 1, query, element, resolver, converter)
            }
            None => Ok(unresolved(current, query)),
        }
    }

    fn accumulate(
        &mut self,
        at: usize,
        query: &'a [Part],
        current: Item<'a>,
        resolver: &Scope<'a, '_>,
        converter: Option<usize>,
    ) -> Result<Vec<QR<'a>>, Error> {
        let elements = current.elements();
        if elements.is_empty() {
            return Ok(unresolved(current, &query[at..]));
        }
        let mut out = Vec::with_capacity(elements.len());
        for element in elements {
            out.extend(self.retrieve(at + 1, query, element, resolver, converter)?);
        }
        Ok(out)
    }

    /// A filter's clauses on one value: a selection test (gate role). cfn-guard keeps their
    /// records under a filter record no report reads, except on a scalar after `[*]`.
    fn filter_passes(
        &mut self,
        conj: &'a [Vec<super::ast::Clause>],
        scope: &Scope<'a, '_>,
        hidden: bool,
    ) -> Result<bool, Error> {
        self.hidden += usize::from(hidden);
        let status = self.conjunction(conj, scope, |ev, clause, scope| {
            ev.guard_clause(clause, scope, Role::Gate)
        });
        self.hidden -= usize::from(hidden);
        Ok(status? == Status::Pass)
    }

    /// One key of a map key filter against the right-hand side, recording the comparisons
    /// as cfn-guard's `real_binary_operation` does (they reach the report when the clause
    /// around them fails).
    fn key_passes(&mut self, op: MapKeyOp, key: &Item<'a>, rhs: &[QR<'a>]) -> bool {
        let (recorded_op, recorded_not) = match op {
            MapKeyOp::Eq => (super::ast::Op::Eq, false),
            MapKeyOp::NotEq => (super::ast::Op::Eq, true),
            MapKeyOp::In => (super::ast::Op::In, false),
            MapKeyOp::NotIn => (super::ast::Op::In, true),
        };
        match op {
            MapKeyOp::Eq | MapKeyOp::NotEq => {
                let results = each_lhs_compare(eq_cmp(op == MapKeyOp::NotEq), key, rhs);
                let mut passes = false;
                // Only a single comparison decides: `report_all_values` yields one status per
                // right-hand value, and a key is selected when any of them is a PASS.
                for result in results {
                    match result {
                        KeyCompared::Comparable(true, _, _) => passes = true,
                        KeyCompared::Comparable(false, lhs, rhs)
                        | KeyCompared::NotComparable(lhs, rhs) => self.record(Rep::Comparison {
                            custom: None,
                            context: "",
                            from: QR::Res(lhs),
                            to: Some(QR::Res(rhs)),
                            op: recorded_op,
                            not: recorded_not,
                            message: None,
                        }),
                        KeyCompared::UnresolvedRhs(ur, lhs) => self.record(Rep::Comparison {
                            custom: None,
                            context: "",
                            from: QR::Res(lhs),
                            to: Some(QR::Unres(ur)),
                            op: recorded_op,
                            not: recorded_not,
                            message: None,
                        }),
                    }
                }
                passes
            }
            MapKeyOp::In | MapKeyOp::NotIn => {
                let results = each_lhs_compare(in_cmp(op == MapKeyOp::NotIn), key, rhs);
                if results.is_empty() {
                    return false;
                }
                let found = results
                    .iter()
                    .any(|result| matches!(result, KeyCompared::Comparable(true, ..)));
                if !found {
                    let to = results
                        .into_iter()
                        .map(|result| match result {
                            KeyCompared::Comparable(_, _, rhs)
                            | KeyCompared::NotComparable(_, rhs) => QR::Res(rhs),
                            KeyCompared::UnresolvedRhs(ur, _) => QR::Unres(ur),
                        })
                        .collect();
                    self.record(Rep::InComparison {
                        custom: None,
                        context: "",
                        from: key.clone(),
                        to,
                    });
                }
                found
            }
        }
    }
}

impl<'a, 'r> Ev<'a, 'r> {
    /// cfn-guard's `Debug` of a value with its path (`(Path("/a", Location { line: 0, col: 3 }),
    /// Int((Path(...), 10)))`), for the scalars a document holds; containers are abbreviated.
    fn debug_value(&self, item: &Item<'a>) -> String {
        let column = match &item.val {
            super::value::Val::Json(value) => {
                super::value::column_of(self.document(), value).unwrap_or(0)
            }
            _ => 0,
        };
        let path = format!(
            "Path({:?}, Location {{ line: 0, col: {column} }})",
            item.path_text(self.document())
        );
        let inner = match item.scalar() {
            Scalar::Null => format!("Null({path})"),
            Scalar::Bool(b) => format!("Bool(({path}, {b:?}))"),
            Scalar::Int(i) => format!("Int(({path}, {i:?}))"),
            Scalar::Float(f) => format!("Float(({path}, {f:?}))"),
            Scalar::Str(text) => format!("String(({path}, {text:?}))"),
            _ => format!("{}(({path}, {}))", item.kind().name(), item.value_display()),
        };
        format!("({path}, {inner})")
    }
}

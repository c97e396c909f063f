//! The typed syntax tree of one Guard rules file, read from the JSON that cfn-guard's parser
//! serialises (see `engine::parse_tree`), restricted to the constructs this evaluator supports.
//!
//! Anything outside that subset is refused here with a reason, so the file is evaluated by
//! cfn-guard instead. Literal values reach us lossily (a regex `/x/` and the string `'/x/'`
//! serialise alike, ranges become strings): the rule text decides, and what stays ambiguous is
//! refused too.

use regex_automata::meta::Regex;
use serde_json::Value;

/// A compile error: why this file is left to cfn-guard.
pub(super) type Refusal = String;

pub(super) struct File {
    pub lets: Vec<Let>,
    pub rules: Vec<Rule>,
    /// Parameterized rules, by name (a later definition wins, as in cfn-guard).
    pub parameterized: Vec<(Vec<String>, Rule)>,
}

pub(super) struct Let {
    pub var: String,
    pub value: LetValue,
}

pub(super) enum LetValue {
    Lit(Lit),
    Query(Query),
    Call(Call),
}

/// A function call; only the ones listed are supported.
pub(super) struct Call {
    pub function: Function,
    pub args: Vec<LetValue>,
    pub display: String,
}

pub(super) enum Function {
    /// `regex_replace(values, "extract", "replacement")`, with literal pattern and replacement.
    RegexReplace(Box<Regex>, String),
    ToLower,
    ToUpper,
    Count,
    /// `substring(values, from, to)`, with literal bounds.
    Substring(usize, usize),
    /// `join(values, "delimiter")`, with a literal delimiter.
    Join(String),
    ParseInt,
    ParseFloat,
    ParseString,
    ParseBoolean,
    UrlDecode,
}

/// A literal value of the rules file, with its path (`""` at the top, `/index` or `/key`
/// inside lists and maps, as cfn-guard gives literals).
pub(super) struct Lit {
    pub kind: LitKind,
    pub path: String,
}

pub(super) enum LitKind {
    Null,
    Str(String),
    Regex(Box<Regex>, String),
    Bool(bool),
    Int(i64),
    Float(f64),
    List(Vec<Lit>),
    Map(Vec<(String, Lit)>),
    /// `r[1, 5]`, `r(1.5, 2.5]`, `r[a, z]`: bounds and [`LOWER_INCLUSIVE`] /
    /// [`UPPER_INCLUSIVE`] flags.
    RangeInt(i64, i64, u8),
    RangeFloat(f64, f64, u8),
    RangeChar(char, char, u8),
}

/// cfn-guard's flags of a range's inclusive ends.
pub(super) const LOWER_INCLUSIVE: u8 = 0x01;
pub(super) const UPPER_INCLUSIVE: u8 = 0x02;

/// A range as cfn-guard writes it (and serialises it): `[1,5]`, `(1.5,2.5]`.
pub(super) fn range_text(lower: &str, upper: &str, flags: u8) -> String {
    format!(
        "{}{lower},{upper}{}",
        if flags & LOWER_INCLUSIVE != 0 {
            '['
        } else {
            '('
        },
        if flags & UPPER_INCLUSIVE != 0 {
            ']'
        } else {
            ')'
        }
    )
}

/// The ranges written in a rules file (`r[1, 5]`), as they serialise, with their typed value.
fn source_ranges(text: &str) -> Vec<(String, LitKind)> {
    let mut out = Vec::new();
    let starts = text.match_indices("r[").chain(text.match_indices("r("));
    for (at, _) in starts {
        let open = text[at + 1..].chars().next();
        let body_start = at + 2;
        let Some(end) = text[body_start..].find([']', ')']) else {
            continue;
        };
        let body = &text[body_start..body_start + end];
        let close = text[body_start + end..].chars().next();
        let Some((lower, upper)) = body.split_once(',') else {
            continue;
        };
        let (lower, upper) = (lower.trim(), upper.trim());
        let flags = if open == Some('[') {
            LOWER_INCLUSIVE
        } else {
            0
        } | if close == Some(']') {
            UPPER_INCLUSIVE
        } else {
            0
        };
        let (kind, serialised) =
            if let (Ok(l), Ok(u)) = (lower.parse::<i64>(), upper.parse::<i64>()) {
                (
                    LitKind::RangeInt(l, u, flags),
                    range_text(&l.to_string(), &u.to_string(), flags),
                )
            } else if let (Ok(l), Ok(u)) = (lower.parse::<f64>(), upper.parse::<f64>()) {
                (
                    LitKind::RangeFloat(l, u, flags),
                    range_text(&l.to_string(), &u.to_string(), flags),
                )
            } else {
                let (mut l, mut u) = (lower.chars(), upper.chars());
                match (l.next(), l.next(), u.next(), u.next()) {
                    (Some(l), None, Some(u), None) => (
                        LitKind::RangeChar(l, u, flags),
                        range_text(&l.to_string(), &u.to_string(), flags),
                    ),
                    _ => continue,
                }
            };
        out.push((serialised, kind));
    }
    out
}

pub(super) struct Query {
    pub parts: Vec<Part>,
    pub match_all: bool,
}

pub(super) enum Part {
    This,
    /// A variable (`%name`): the values to start from as the first part of a query, the keys to
    /// look up anywhere else (`Resources.%names`).
    Variable(String),
    /// A key; `index` when it reads as an integer (`Tags.0`), and the seven case conversions
    /// cfn-guard tries when the key is missing, computed once here.
    Key {
        name: String,
        index: Option<i64>,
        conversions: Vec<String>,
        /// The conversions worth trying when the key is missing: not the key itself and not
        /// a repeat of an earlier one (neither can match), by their index in `conversions`.
        tries: Vec<usize>,
    },
    AllValues,
    AllIndices,
    Index(i64),
    Filter(Conj<Clause>),
    MapKeyFilter(MapKeyOp, LetValue),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum MapKeyOp {
    Eq,
    NotEq,
    In,
    NotIn,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Op {
    Eq,
    In,
    Gt,
    Lt,
    Ge,
    Le,
    Exists,
    Empty,
    IsString,
    IsList,
    IsMap,
    IsBool,
    IsInt,
    IsFloat,
    IsNull,
}

impl Op {
    pub fn is_unary(self) -> bool {
        !matches!(self, Op::Eq | Op::In | Op::Gt | Op::Lt | Op::Ge | Op::Le)
    }

    pub fn name(self) -> &'static str {
        match self {
            Op::Eq => "EQUALS",
            Op::In => "IN",
            Op::Gt => "GREATER THAN",
            Op::Lt => "LESS THAN",
            Op::Ge => "GREATER THAN EQUALS",
            Op::Le => "LESS THAN EQUALS",
            Op::Exists => "EXISTS",
            Op::Empty => "EMPTY",
            Op::IsString => "IS STRING",
            Op::IsBool => "IS BOOL",
            Op::IsInt => "IS INT",
            Op::IsList => "IS LIST",
            Op::IsMap => "IS MAP",
            Op::IsNull => "IS NULL",
            Op::IsFloat => "IS FLOAT",
        }
    }
}

pub(super) type Conj<T> = Vec<Vec<T>>;

/// A comparison clause (`Query op rhs`), as a leaf of any block.
pub(super) struct Access {
    pub query: Query,
    pub op: Op,
    pub op_not: bool,
    pub rhs: Option<LetValue>,
    pub message: Option<String>,
    pub negation: bool,
    /// cfn-guard's rendering of the clause, its record context.
    pub display: String,
}

pub(super) struct NamedRef {
    pub rule: String,
    pub negation: bool,
    pub message: Option<String>,
    pub display: String,
}

/// A call of a parameterized rule (`check(Resources.A, 1)`).
pub(super) struct RuleCall {
    pub named: NamedRef,
    pub args: Vec<LetValue>,
}

pub(super) enum Clause {
    Access(Access),
    Named(NamedRef),
    Call(RuleCall),
    Block(BlockClause),
    When(Conj<WhenClause>, Block<Clause>),
}

pub(super) enum WhenClause {
    Access(Access),
    Named(NamedRef),
    Call(RuleCall),
}

pub(super) struct BlockClause {
    pub query: Query,
    pub block: Block<Clause>,
    pub not_empty: bool,
    /// cfn-guard's `Location[...]` of the clause, part of its records' contexts.
    pub location: String,
}

pub(super) struct Block<T> {
    pub lets: Vec<Let>,
    pub conj: Conj<T>,
}

pub(super) enum RuleClause {
    Clause(Clause),
    When(Conj<WhenClause>, Block<Clause>),
    Type(TypeBlock),
}

pub(super) struct TypeBlock {
    pub type_name: String,
    pub conditions: Option<Conj<WhenClause>>,
    pub block: Block<Clause>,
    pub query: Vec<Part>,
}

pub(super) struct Rule {
    pub name: String,
    pub conditions: Option<Conj<WhenClause>>,
    pub block: Block<RuleClause>,
}

/// Reads a whole file's tree.
pub(super) fn file(tree: &Value, text: &str) -> Result<File, Refusal> {
    let cx = Reader { text };
    let parameterized = array(&tree["parameterized_rules"])?
        .iter()
        .map(|each| {
            let names = array(&each["parameter_names"])?
                .iter()
                .map(|name| string(name).map(str::to_string))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((names, cx.rule(&each["rule"])?))
        })
        .collect::<Result<Vec<_>, Refusal>>()?;
    let rules = array(&tree["guard_rules"])?
        .iter()
        .map(|rule| cx.rule(rule))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(File {
        lets: cx.lets(&tree["assignments"])?,
        rules,
        parameterized,
    })
}

fn array(value: &Value) -> Result<&Vec<Value>, Refusal> {
    value
        .as_array()
        .ok_or_else(|| format!("unexpected syntax tree: {value}"))
}

fn string(value: &Value) -> Result<&str, Refusal> {
    value
        .as_str()
        .ok_or_else(|| format!("unexpected syntax tree: {value}"))
}

/// An externally tagged enum variant: `{"Name": body}` or the bare string `"Name"`.
fn variant(value: &Value) -> Result<(&str, &Value), Refusal> {
    match value {
        Value::String(name) => Ok((name, &Value::Null)),
        Value::Object(map) if map.len() == 1 => {
            let (name, body) = map.iter().next().ok_or("empty variant")?;
            Ok((name, body))
        }
        other => Err(format!("unexpected syntax tree: {other}")),
    }
}

/// cfn-guard's `Display` of a location in the rules file (the first file of its call).
fn location(value: &Value) -> String {
    format!(
        "Location[file:RULES_STDIN[1], line:{}, column:{}]",
        value["line"], value["column"]
    )
}

/// The clause types of disjunctions, named as cfn-guard names them in record contexts.
pub(super) trait Disjunct {
    const NAME: &'static str;
}

impl Disjunct for Clause {
    const NAME: &'static str = "cfn_guard::rules::exprs::GuardClause";
}

impl Disjunct for WhenClause {
    const NAME: &'static str = "cfn_guard::rules::exprs::WhenGuardClause";
}

impl Disjunct for RuleClause {
    const NAME: &'static str = "cfn_guard::rules::exprs::RuleClause";
}

fn message(value: &Value) -> Option<String> {
    value.as_str().map(str::to_string)
}

struct Reader<'t> {
    text: &'t str,
}

impl Reader<'_> {
    fn rule(&self, rule: &Value) -> Result<Rule, Refusal> {
        let name = string(&rule["rule_name"])?.to_string();
        let conditions = self.optional_conditions(&rule["conditions"])?;
        let block = self.block(&rule["block"], |clause| self.rule_clause(clause))?;
        Ok(Rule {
            name,
            conditions,
            block,
        })
    }

    fn optional_conditions(&self, value: &Value) -> Result<Option<Conj<WhenClause>>, Refusal> {
        if value.is_null() {
            return Ok(None);
        }
        self.conj(value, |clause| self.when_clause(clause))
            .map(Some)
    }

    fn conj<T>(
        &self,
        value: &Value,
        read: impl Fn(&Value) -> Result<T, Refusal>,
    ) -> Result<Conj<T>, Refusal> {
        array(value)?
            .iter()
            .map(|disjunction| array(disjunction)?.iter().map(&read).collect())
            .collect()
    }

    fn block<T>(
        &self,
        value: &Value,
        read: impl Fn(&Value) -> Result<T, Refusal>,
    ) -> Result<Block<T>, Refusal> {
        Ok(Block {
            lets: self.lets(&value["assignments"])?,
            conj: self.conj(&value["conjunctions"], read)?,
        })
    }

    fn lets(&self, value: &Value) -> Result<Vec<Let>, Refusal> {
        array(value)?
            .iter()
            .map(|assignment| {
                Ok(Let {
                    var: string(&assignment["var"])?.to_string(),
                    value: self.let_value(&assignment["value"])?,
                })
            })
            .collect()
    }

    fn let_value(&self, value: &Value) -> Result<LetValue, Refusal> {
        let (kind, body) = variant(value)?;
        match kind {
            "Value" => Ok(LetValue::Lit(self.literal(&body["value"], String::new())?)),
            "AccessClause" => Ok(LetValue::Query(self.query(body)?)),
            "FunctionCall" => self.call(body).map(LetValue::Call),
            other => Err(format!("unsupported value `{other}`")),
        }
    }

    fn call(&self, body: &Value) -> Result<Call, Refusal> {
        let name = string(&body["name"])?;
        let args = array(&body["parameters"])?
            .iter()
            .map(|arg| self.let_value(arg))
            .collect::<Result<Vec<_>, _>>()?;
        let literal_string = |index: usize| match args.get(index) {
            Some(LetValue::Lit(Lit {
                kind: LitKind::Str(text),
                ..
            })) => Ok(text.clone()),
            _ => Err(format!("`{name}` with a computed argument")),
        };
        let function = match (name, args.len()) {
            ("regex_replace", 3) => {
                let pattern = literal_string(1)?;
                let regex =
                    Regex::new(&pattern).map_err(|_| format!("regular expression `{pattern}`"))?;
                Function::RegexReplace(Box::new(regex), literal_string(2)?)
            }
            ("substring", 3) => {
                let bound = |index: usize| match args.get(index) {
                    Some(LetValue::Lit(Lit {
                        kind: LitKind::Int(n),
                        ..
                    })) => {
                        usize::try_from(*n).map_err(|_| format!("`{name}` with a negative bound"))
                    }
                    _ => Err(format!("`{name}` with a computed or fractional bound")),
                };
                Function::Substring(bound(1)?, bound(2)?)
            }
            ("join", 2) => Function::Join(literal_string(1)?),
            ("parse_int", 1) => Function::ParseInt,
            ("parse_float", 1) => Function::ParseFloat,
            ("parse_string", 1) => Function::ParseString,
            ("parse_boolean", 1) => Function::ParseBoolean,
            ("url_decode", 1) => Function::UrlDecode,
            ("to_lower", 1) => Function::ToLower,
            ("to_upper", 1) => Function::ToUpper,
            ("count", 1) => Function::Count,
            _ => return Err(format!("function `{name}`")),
        };
        let display = format!(
            "{name}({})",
            args.iter()
                .map(display_let_value)
                .collect::<Vec<_>>()
                .join(", ")
        );
        Ok(Call {
            function,
            args,
            display,
        })
    }

    fn query(&self, body: &Value) -> Result<Query, Refusal> {
        let match_all = body["match_all"].as_bool().unwrap_or(true);
        Ok(Query {
            parts: self.parts(&body["query"])?,
            match_all,
        })
    }

    fn parts(&self, value: &Value) -> Result<Vec<Part>, Refusal> {
        let mut parts = Vec::new();
        for (at, part) in array(value)?.iter().enumerate() {
            let (kind, body) = variant(part)?;
            let part = match kind {
                "This" => Part::This,
                "Key" => {
                    let name = string(body)?;
                    match name.strip_prefix('%') {
                        Some(var) => Part::Variable(var.to_string()),
                        None => {
                            let conversions = super::cases::conversions(name);
                            let tries = (0..conversions.len())
                                .filter(|&at| {
                                    conversions[at] != name
                                        && !conversions[..at].contains(&conversions[at])
                                })
                                .collect();
                            Part::Key {
                                name: name.to_string(),
                                index: name.parse().ok(),
                                conversions,
                                tries,
                            }
                        }
                    }
                }
                "AllValues" | "AllIndices" => {
                    if !body.is_null() {
                        return Err("a captured key name".into());
                    }
                    if kind == "AllValues" {
                        Part::AllValues
                    } else {
                        Part::AllIndices
                    }
                }
                "Index" => Part::Index(body.as_i64().ok_or("an index out of range")?),
                "Filter" => {
                    let pair = array(body)?;
                    if pair.len() != 2 || !pair[0].is_null() {
                        return Err("a captured key name".into());
                    }
                    // cfn-guard reaches `unreachable!()` for a filter on a map after anything
                    // but a key or a wildcard.
                    let before_ok = at > 0
                        && matches!(
                            parts.last(),
                            Some(Part::Key { .. } | Part::Variable(_) | Part::AllValues)
                                | Some(Part::AllIndices)
                        );
                    if !before_ok {
                        return Err("a filter in this position".into());
                    }
                    Part::Filter(self.conj(&pair[1], |clause| self.guard_clause(clause))?)
                }
                "MapKeyFilter" => {
                    let pair = array(body)?;
                    if pair.len() != 2 || !pair[0].is_null() {
                        return Err("a captured key name".into());
                    }
                    let op = match pair[1]["comparator"].as_str() {
                        Some("Eq") => MapKeyOp::Eq,
                        Some("NotEq") => MapKeyOp::NotEq,
                        Some("In") => MapKeyOp::In,
                        Some("NotIn") => MapKeyOp::NotIn,
                        _ => return Err("a map key filter operator".into()),
                    };
                    Part::MapKeyFilter(op, self.let_value(&pair[1]["compare_with"])?)
                }
                other => return Err(format!("query part `{other}`")),
            };
            parts.push(part);
        }
        if parts.is_empty() {
            return Err("an empty query".into());
        }
        Ok(parts)
    }

    fn access(&self, body: &Value) -> Result<Access, Refusal> {
        let clause = &body["access_clause"];
        let comparator = array(&clause["comparator"])?;
        let op = match comparator.first().and_then(Value::as_str) {
            Some("Eq") => Op::Eq,
            Some("In") => Op::In,
            Some("Gt") => Op::Gt,
            Some("Lt") => Op::Lt,
            Some("Ge") => Op::Ge,
            Some("Le") => Op::Le,
            Some("Exists") => Op::Exists,
            Some("Empty") => Op::Empty,
            Some("IsString") => Op::IsString,
            Some("IsList") => Op::IsList,
            Some("IsMap") => Op::IsMap,
            Some("IsBool") => Op::IsBool,
            Some("IsInt") => Op::IsInt,
            Some("IsFloat") => Op::IsFloat,
            Some("IsNull") => Op::IsNull,
            other => return Err(format!("operator {other:?}")),
        };
        let op_not = comparator.get(1).and_then(Value::as_bool).unwrap_or(false);
        let rhs = match &clause["compare_with"] {
            Value::Null => None,
            value => Some(self.let_value(value)?),
        };
        if !op.is_unary() && rhs.is_none() {
            return Err("a comparison without a right-hand side".into());
        }
        let query = self.query(&clause["query"])?;
        let negation = body["negation"].as_bool().unwrap_or(false);
        // cfn-guard's `Display` of the clause: `{not} {query} {not }{op} {rhs}`, its operator
        // written with a trailing space.
        let display = format!(
            "{} {} {}{}  {}",
            if negation { "not" } else { "" },
            display_parts(&query.parts),
            if op_not { "not " } else { "" },
            op.name(),
            rhs.as_ref().map(display_let_value).unwrap_or_default()
        );
        Ok(Access {
            query,
            op,
            op_not,
            rhs,
            message: message(&clause["custom_message"]),
            negation,
            display,
        })
    }

    fn named(&self, body: &Value) -> Result<NamedRef, Refusal> {
        let rule = string(&body["dependent_rule"])?.to_string();
        let display = format!("Rule({rule}@{})", location(&body["location"]));
        Ok(NamedRef {
            rule,
            negation: body["negation"].as_bool().unwrap_or(false),
            message: message(&body["custom_message"]),
            display,
        })
    }

    fn rule_call(&self, body: &Value) -> Result<RuleCall, Refusal> {
        Ok(RuleCall {
            named: self.named(&body["named_rule"])?,
            args: array(&body["parameters"])?
                .iter()
                .map(|arg| self.let_value(arg))
                .collect::<Result<_, _>>()?,
        })
    }

    fn when_clause(&self, value: &Value) -> Result<WhenClause, Refusal> {
        let (kind, body) = variant(value)?;
        match kind {
            "Clause" => self.access(body).map(WhenClause::Access),
            "NamedRule" => self.named(body).map(WhenClause::Named),
            "ParameterizedNamedRule" => self.rule_call(body).map(WhenClause::Call),
            other => Err(format!("condition `{other}`")),
        }
    }

    fn guard_clause(&self, value: &Value) -> Result<Clause, Refusal> {
        let (kind, body) = variant(value)?;
        match kind {
            "Clause" => self.access(body).map(Clause::Access),
            "NamedRule" => self.named(body).map(Clause::Named),
            "ParameterizedNamedRule" => self.rule_call(body).map(Clause::Call),
            "BlockClause" => Ok(Clause::Block(BlockClause {
                query: self.query(&body["query"])?,
                block: self.block(&body["block"], |clause| self.guard_clause(clause))?,
                not_empty: body["not_empty"].as_bool().unwrap_or(false),
                location: location(&body["location"]),
            })),
            "WhenBlock" => {
                let pair = array(body)?;
                if pair.len() != 2 {
                    return Err("unexpected when block".into());
                }
                Ok(Clause::When(
                    self.conj(&pair[0], |clause| self.when_clause(clause))?,
                    self.block(&pair[1], |clause| self.guard_clause(clause))?,
                ))
            }
            other => Err(format!("clause `{other}`")),
        }
    }

    fn rule_clause(&self, value: &Value) -> Result<RuleClause, Refusal> {
        let (kind, body) = variant(value)?;
        match kind {
            "Clause" => self.guard_clause(body).map(RuleClause::Clause),
            "WhenBlock" => {
                let pair = array(body)?;
                if pair.len() != 2 {
                    return Err("unexpected when block".into());
                }
                Ok(RuleClause::When(
                    self.conj(&pair[0], |clause| self.when_clause(clause))?,
                    self.block(&pair[1], |clause| self.guard_clause(clause))?,
                ))
            }
            "TypeBlock" => Ok(RuleClause::Type(TypeBlock {
                type_name: string(&body["type_name"])?.to_string(),
                conditions: self.optional_conditions(&body["conditions"])?,
                block: self.block(&body["block"], |clause| self.guard_clause(clause))?,
                query: self.parts(&body["query"])?,
            })),
            other => Err(format!("rule clause `{other}`")),
        }
    }

    fn literal(&self, value: &Value, path: String) -> Result<Lit, Refusal> {
        let kind = match value {
            Value::Null => LitKind::Null,
            Value::Bool(b) => LitKind::Bool(*b),
            Value::Number(number) => match number.as_i64() {
                Some(int) => LitKind::Int(int),
                None => LitKind::Float(number.as_f64().ok_or("a number out of range")?),
            },
            Value::String(text) => self.string_literal(text)?,
            Value::Array(items) => LitKind::List(
                items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| self.literal(item, format!("{path}/{index}")))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Object(map) => LitKind::Map(
                map.iter()
                    .map(|(key, item)| {
                        Ok((key.clone(), self.literal(item, format!("{path}/{key}"))?))
                    })
                    .collect::<Result<_, Refusal>>()?,
            ),
        };
        Ok(Lit { kind, path })
    }

    /// A string in the tree is a string, a regex (`/x/`) or a range (`[1,2]`, `(a,b]`): the
    /// rule text tells which, or the file is refused.
    fn string_literal(&self, text: &str) -> Result<LitKind, Refusal> {
        let quoted =
            self.text.contains(&format!("'{text}'")) || self.text.contains(&format!("\"{text}\""));
        if text.len() >= 2 && text.starts_with('/') && text.ends_with('/') {
            if quoted {
                return Err(format!("`{text}` may be a string or a regex"));
            }
            let pattern = &text[1..text.len() - 1];
            let regex =
                Regex::new(pattern).map_err(|_| format!("regular expression `{pattern}`"))?;
            return Ok(LitKind::Regex(Box::new(regex), pattern.to_string()));
        }
        let range_like = (text.starts_with('[') || text.starts_with('('))
            && (text.ends_with(']') || text.ends_with(')'))
            && text.contains(',');
        if range_like && (self.text.contains("r[") || self.text.contains("r(")) {
            // A range unless the text also has it as a string; its type from how it is written.
            let written: Vec<LitKind> = source_ranges(self.text)
                .into_iter()
                .filter(|(serialised, _)| serialised == text)
                .map(|(_, kind)| kind)
                .collect();
            let same_type = written
                .windows(2)
                .all(|pair| std::mem::discriminant(&pair[0]) == std::mem::discriminant(&pair[1]));
            return match written.into_iter().next() {
                Some(kind) if same_type && !quoted => Ok(kind),
                _ => Err(format!("`{text}` may be a range")),
            };
        }
        Ok(LitKind::Str(text.to_string()))
    }
}

/// cfn-guard's rendering of a query (`SliceDisplay`).
pub(super) fn display_parts(parts: &[Part]) -> String {
    let mut out = String::new();
    for (at, part) in parts.iter().enumerate() {
        if at > 0 {
            out.push('.');
        }
        match part {
            Part::This => out.push('_'),
            Part::Variable(name) => {
                out.push('%');
                out.push_str(name);
            }
            Part::Key { name, .. } => out.push_str(name),
            Part::AllValues => out.push('*'),
            Part::AllIndices => out.push_str("[*]"),
            Part::Index(index) => out.push_str(&index.to_string()),
            Part::Filter(_) => out.push_str(" (filter-clauses)"),
            Part::MapKeyFilter(..) => out.push_str(" (map-key-filter-clauses)"),
        }
    }
    out.replace(".[", "[")
}

fn display_let_value(value: &LetValue) -> String {
    match value {
        LetValue::Lit(lit) => display_lit(lit),
        LetValue::Query(query) => display_parts(&query.parts),
        LetValue::Call(call) => call.display.clone(),
    }
}

/// cfn-guard's `ValueOnlyDisplay` of a literal.
pub(super) fn display_lit(lit: &Lit) -> String {
    match &lit.kind {
        LitKind::Null => "\"NULL\"".into(),
        LitKind::Str(text) => format!("\"{text}\""),
        LitKind::Regex(_, pattern) => format!("\"/{pattern}/\""),
        LitKind::Bool(b) => b.to_string(),
        LitKind::Int(i) => i.to_string(),
        LitKind::Float(f) => f.to_string(),
        LitKind::List(items) => format!(
            "[{}]",
            items.iter().map(display_lit).collect::<Vec<_>>().join(",")
        ),
        LitKind::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(key, value)| format!("\"{key}\":{}", display_lit(value)))
                .collect::<Vec<_>>()
                .join(",")
        ),
        LitKind::RangeInt(l, u, f) => range_text(&l.to_string(), &u.to_string(), *f),
        LitKind::RangeFloat(l, u, f) => range_text(&l.to_string(), &u.to_string(), *f),
        LitKind::RangeChar(l, u, f) => range_text(&l.to_string(), &u.to_string(), *f),
    }
}

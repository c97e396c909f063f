//! Values as the evaluator sees them: borrowed document nodes, borrowed rule literals and the
//! few strings and numbers functions compute.
//!
//! cfn-guard copies the whole document into its own tree with a path string on every node.
//! Here a value carries no path at all: a document node is found again by its address when a
//! failure is reported, and only then is its path (`/Resources/Bucket/Properties/Tags/0`)
//! written out. Literals know their path from compilation.

use std::rc::Rc;

use serde_json::Value;

use super::ast::{Lit, LitKind};

/// A value computed by a function.
pub(super) enum Computed {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

/// Where a value is, for its path: a document node, a literal, a literal map's key, or the
/// root (`""`).
#[derive(Clone, Copy)]
pub(super) enum Origin<'a> {
    Json(&'a Value),
    Lit(&'a Lit),
    LitKey(&'a Lit, &'a str),
    Root,
}

#[derive(Clone)]
pub(super) enum Val<'a> {
    Json(&'a Value),
    Lit(&'a Lit),
    /// A map key, as a string value, located where cfn-guard locates it.
    Key(&'a str, Origin<'a>),
    /// A function's result, located at the value it came from.
    Computed(Rc<Computed>, Origin<'a>),
}

/// One value.
#[derive(Clone)]
pub(super) struct Item<'a> {
    pub val: Val<'a>,
}

/// The type of a value, as cfn-guard distinguishes them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Null,
    Str,
    Regex,
    Bool,
    Int,
    Float,
    List,
    Map,
    RangeInt,
    RangeFloat,
    RangeChar,
}

impl Kind {
    /// cfn-guard's `type_info`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Str => "String",
            Kind::Regex => "Regex",
            Kind::Bool => "bool",
            Kind::Int => "int",
            Kind::Float => "float",
            Kind::List => "array",
            Kind::Map => "map",
            Kind::RangeInt => "range(int, int)",
            Kind::RangeFloat => "range(float, float)",
            Kind::RangeChar => "range(char, char)",
        }
    }
}

/// A scalar view of a value, for comparisons.
pub(super) enum Scalar<'v> {
    Null,
    Str(&'v str),
    Regex(&'v regex_automata::meta::Regex, &'v str),
    Bool(bool),
    Int(i64),
    Float(f64),
    List,
    Map,
    RangeInt(i64, i64, u8),
    RangeFloat(f64, f64, u8),
    RangeChar(char, char, u8),
}

impl<'a> Item<'a> {
    /// Whether the value is, or holds, a value unknown before deployment (a rule's literals
    /// never are).
    pub fn mentions_unknown(&self) -> bool {
        match &self.val {
            Val::Json(value) => crate::policy::guard::document::mentions_unknown(value),
            Val::Lit(_) => false,
            Val::Key(key, _) => key.starts_with(crate::policy::guard::document::UNKNOWN_PREFIX),
            Val::Computed(computed, _) => match computed.as_ref() {
                Computed::Str(text) => {
                    text.starts_with(crate::policy::guard::document::UNKNOWN_PREFIX)
                }
                Computed::Int(_) | Computed::Float(_) | Computed::Bool(_) => false,
            },
        }
    }

    pub fn json(value: &'a Value) -> Item<'a> {
        Item {
            val: Val::Json(value),
        }
    }

    pub fn lit(lit: &'a Lit) -> Item<'a> {
        Item { val: Val::Lit(lit) }
    }

    pub fn origin(&self) -> Origin<'a> {
        match &self.val {
            Val::Json(value) => Origin::Json(value),
            Val::Lit(lit) => Origin::Lit(lit),
            Val::Key(_, origin) | Val::Computed(_, origin) => *origin,
        }
    }

    pub fn kind(&self) -> Kind {
        match self.scalar() {
            Scalar::Null => Kind::Null,
            Scalar::Str(_) => Kind::Str,
            Scalar::Regex(..) => Kind::Regex,
            Scalar::Bool(_) => Kind::Bool,
            Scalar::Int(_) => Kind::Int,
            Scalar::Float(_) => Kind::Float,
            Scalar::List => Kind::List,
            Scalar::Map => Kind::Map,
            Scalar::RangeInt(..) => Kind::RangeInt,
            Scalar::RangeFloat(..) => Kind::RangeFloat,
            Scalar::RangeChar(..) => Kind::RangeChar,
        }
    }

    pub fn scalar(&self) -> Scalar<'_> {
        match &self.val {
            Val::Json(value) => match value {
                Value::Null => Scalar::Null,
                Value::Bool(b) => Scalar::Bool(*b),
                Value::Number(number) => match number.as_i64() {
                    Some(int) => Scalar::Int(int),
                    None => Scalar::Float(number.as_f64().unwrap_or(f64::NAN)),
                },
                Value::String(text) => Scalar::Str(text),
                Value::Array(_) => Scalar::List,
                Value::Object(_) => Scalar::Map,
            },
            Val::Lit(lit) => match &lit.kind {
                LitKind::Null => Scalar::Null,
                LitKind::Str(text) => Scalar::Str(text),
                LitKind::Regex(regex, pattern) => Scalar::Regex(regex, pattern),
                LitKind::Bool(b) => Scalar::Bool(*b),
                LitKind::Int(i) => Scalar::Int(*i),
                LitKind::Float(f) => Scalar::Float(*f),
                LitKind::List(_) => Scalar::List,
                LitKind::Map(_) => Scalar::Map,
                LitKind::RangeInt(l, u, f) => Scalar::RangeInt(*l, *u, *f),
                LitKind::RangeFloat(l, u, f) => Scalar::RangeFloat(*l, *u, *f),
                LitKind::RangeChar(l, u, f) => Scalar::RangeChar(*l, *u, *f),
            },
            Val::Key(key, _) => Scalar::Str(key),
            Val::Computed(computed, _) => match &**computed {
                Computed::Str(text) => Scalar::Str(text),
                Computed::Int(i) => Scalar::Int(*i),
                Computed::Float(f) => Scalar::Float(*f),
                Computed::Bool(b) => Scalar::Bool(*b),
            },
        }
    }

    pub fn is_list(&self) -> bool {
        self.kind() == Kind::List
    }

    pub fn is_map(&self) -> bool {
        self.kind() == Kind::Map
    }

    pub fn is_scalar(&self) -> bool {
        !matches!(self.kind(), Kind::List | Kind::Map)
    }

    /// The elements of a list (empty for anything else).
    pub fn elements(&self) -> Vec<Item<'a>> {
        match &self.val {
            Val::Json(Value::Array(items)) => items.iter().map(Item::json).collect(),
            Val::Lit(Lit {
                kind: LitKind::List(items),
                ..
            }) => items.iter().map(Item::lit).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether any element of this list satisfies `test`, without collecting them.
    pub fn any_element(&self, mut test: impl FnMut(&Item<'a>) -> bool) -> bool {
        match &self.val {
            Val::Json(Value::Array(items)) => items.iter().any(|item| test(&Item::json(item))),
            Val::Lit(Lit {
                kind: LitKind::List(items),
                ..
            }) => items.iter().any(|item| test(&Item::lit(item))),
            _ => false,
        }
    }

    pub fn len(&self) -> usize {
        match &self.val {
            Val::Json(Value::Array(items)) => items.len(),
            Val::Json(Value::Object(map)) => map.len(),
            Val::Lit(lit) => match &lit.kind {
                LitKind::List(items) => items.len(),
                LitKind::Map(entries) => entries.len(),
                _ => 0,
            },
            _ => 0,
        }
    }

    /// The entries of a map, in order, as (key item, value item). A document's keys are
    /// located at their map (cfn-guard reads documents with its YAML reader, which places
    /// keys so); a literal map's keys at their own path.
    pub fn entries(&self) -> Vec<(Item<'a>, Item<'a>)> {
        match &self.val {
            Val::Json(map_value @ Value::Object(map)) => map
                .iter()
                .map(|(key, value)| {
                    (
                        Item {
                            val: Val::Key(key, Origin::Json(map_value)),
                        },
                        Item::json(value),
                    )
                })
                .collect(),
            Val::Lit(
                lit @ Lit {
                    kind: LitKind::Map(entries),
                    ..
                },
            ) => entries
                .iter()
                .map(|(key, value)| {
                    (
                        Item {
                            val: Val::Key(key, Origin::LitKey(lit, key)),
                        },
                        Item::lit(value),
                    )
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The values of a map, in order.
    pub fn map_values(&self) -> Vec<Item<'a>> {
        match &self.val {
            Val::Json(Value::Object(map)) => map.values().map(Item::json).collect(),
            Val::Lit(Lit {
                kind: LitKind::Map(entries),
                ..
            }) => entries.iter().map(|(_, value)| Item::lit(value)).collect(),
            _ => Vec::new(),
        }
    }

    /// The value under `key` of a map.
    pub fn get(&self, key: &str) -> Option<Item<'a>> {
        match &self.val {
            // A short scan beats hashing the key for the small maps documents are made of.
            Val::Json(Value::Object(map)) if map.len() <= 12 => map
                .iter()
                .find(|(name, _)| name.as_str() == key)
                .map(|(_, value)| Item::json(value)),
            Val::Json(Value::Object(map)) => map.get(key).map(Item::json),
            Val::Lit(Lit {
                kind: LitKind::Map(entries),
                ..
            }) => entries
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, value)| Item::lit(value)),
            _ => None,
        }
    }

    /// The value's path, `root` being the document.
    pub fn path_text(&self, root: &Value) -> String {
        path_text(self.origin(), root)
    }

    /// cfn-guard's `Display` of a value: `Path=/a/b Value=...` (its location part left out,
    /// which the report reader strips anyway).
    pub fn display(&self, root: &Value) -> String {
        format!(
            "Path={} Value={}",
            self.path_text(root),
            self.value_display()
        )
    }

    /// cfn-guard's `ValueOnlyDisplay`.
    pub fn value_display(&self) -> String {
        let mut out = String::new();
        self.write_value(&mut out);
        out
    }

    fn write_value(&self, out: &mut String) {
        match self.scalar() {
            Scalar::Null => out.push_str("\"NULL\""),
            Scalar::Str(text) => {
                out.push('"');
                out.push_str(text);
                out.push('"');
            }
            Scalar::Regex(_, pattern) => {
                out.push_str("\"/");
                out.push_str(pattern);
                out.push_str("/\"");
            }
            Scalar::Bool(b) => out.push_str(&b.to_string()),
            Scalar::Int(i) => out.push_str(&i.to_string()),
            Scalar::Float(f) => out.push_str(&f.to_string()),
            Scalar::RangeInt(l, u, f) => {
                out.push_str(&super::ast::range_text(&l.to_string(), &u.to_string(), f))
            }
            Scalar::RangeFloat(l, u, f) => {
                out.push_str(&super::ast::range_text(&l.to_string(), &u.to_string(), f))
            }
            Scalar::RangeChar(l, u, f) => {
                out.push_str(&super::ast::range_text(&l.to_string(), &u.to_string(), f))
            }
            Scalar::List => {
                out.push('[');
                for (at, element) in self.elements().iter().enumerate() {
                    if at > 0 {
                        out.push(',');
                    }
                    element.write_value(out);
                }
                out.push(']');
            }
            Scalar::Map => {
                out.push('{');
                for (at, (key, value)) in self.entries().iter().enumerate() {
                    if at > 0 {
                        out.push(',');
                    }
                    out.push('"');
                    if let Scalar::Str(key) = key.scalar() {
                        out.push_str(key);
                    }
                    out.push_str("\":");
                    value.write_value(out);
                }
                out.push('}');
            }
        }
    }
}

/// One step from a map or list to a child.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The steps from `root` to the node at `target`'s address.
fn steps_to<'a>(root: &'a Value, target: &Value) -> Option<Vec<Step<'a>>> {
    fn walk<'a>(node: &'a Value, target: &Value, steps: &mut Vec<Step<'a>>) -> bool {
        if std::ptr::eq(node, target) {
            return true;
        }
        match node {
            Value::Object(map) => {
                for (key, value) in map {
                    steps.push(Step::Key(key));
                    if walk(value, target, steps) {
                        return true;
                    }
                    steps.pop();
                }
                false
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    steps.push(Step::Index(index));
                    if walk(item, target, steps) {
                        return true;
                    }
                    steps.pop();
                }
                false
            }
            _ => false,
        }
    }
    let mut steps = Vec::new();
    walk(root, target, &mut steps).then_some(steps)
}

/// A path as cfn-guard writes it (keys are not escaped).
pub(super) fn path_text(origin: Origin<'_>, root: &Value) -> String {
    match origin {
        Origin::Root => String::new(),
        Origin::Lit(lit) => lit.path.clone(),
        Origin::LitKey(lit, key) => format!("{}/{key}", lit.path),
        Origin::Json(value) => {
            let mut out = String::new();
            for step in steps_to(root, value).unwrap_or_default() {
                out.push('/');
                match step {
                    Step::Key(key) => out.push_str(key),
                    Step::Index(index) => out.push_str(&index.to_string()),
                }
            }
            out
        }
    }
}

/// The character offset, in `root`'s compact JSON text, where the document node `target`
/// starts.
pub(super) fn column_of(root: &Value, target: &Value) -> Option<usize> {
    let width = |value: &Value| value.to_string().chars().count();
    let key_width = |key: &str| Value::String(key.to_string()).to_string().chars().count();
    let mut column = 0;
    let mut current = root;
    for step in steps_to(root, target)? {
        column += 1;
        match (step, current) {
            (Step::Key(key), Value::Object(map)) => {
                for (name, value) in map {
                    if name == key {
                        column += key_width(name) + 1;
                        current = value;
                        break;
                    }
                    column += key_width(name) + 1 + width(value) + 1;
                }
            }
            (Step::Index(index), Value::Array(items)) => {
                for item in items.iter().take(index) {
                    column += width(item) + 1;
                }
                current = items.get(index)?;
            }
            _ => return None,
        }
    }
    Some(column)
}

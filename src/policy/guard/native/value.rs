//! Values as the evaluator sees them: borrowed document nodes, borrowed rule literals and the
//! few strings and numbers functions compute, each with its path.
//!
//! cfn-guard copies the whole document into its own tree with a path string on every node; here
//! a path is a chain of borrowed keys and indices shared between values, and is written out as a
//! string (`/Resources/Bucket/Properties/Tags/0`) only when a failure is reported.

use std::rc::Rc;

use serde_json::Value;

use super::ast::Lit;

/// A value's location: `None` is the root (`""`).
pub(super) type Path<'a> = Option<Rc<PathNode<'a>>>;

pub(super) struct PathNode<'a> {
    parent: Path<'a>,
    step: Step<'a>,
}

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

pub(super) fn child_key<'a>(path: &Path<'a>, key: &'a str) -> Path<'a> {
    Some(Rc::new(PathNode {
        parent: path.clone(),
        step: Step::Key(key),
    }))
}

pub(super) fn child_index<'a>(path: &Path<'a>, index: usize) -> Path<'a> {
    Some(Rc::new(PathNode {
        parent: path.clone(),
        step: Step::Index(index),
    }))
}

/// `/Resources/Bucket/Properties`, as cfn-guard writes paths (keys are not escaped).
pub(super) fn path_text(path: &Path<'_>) -> String {
    let mut steps = Vec::new();
    let mut at = path.as_deref();
    while let Some(node) = at {
        steps.push(&node.step);
        at = node.parent.as_deref();
    }
    let mut out = String::new();
    for step in steps.into_iter().rev() {
        out.push('/');
        match step {
            Step::Key(key) => out.push_str(key),
            Step::Index(index) => out.push_str(&index.to_string()),
        }
    }
    out
}

/// A value computed by a function.
pub(super) enum Computed {
    Str(String),
    Int(i64),
}

#[derive(Clone)]
pub(super) enum Val<'a> {
    Json(&'a Value),
    Lit(&'a Lit),
    /// A map key, as a string value.
    Key(&'a str),
    Computed(Rc<Computed>),
}

/// A value and its path.
#[derive(Clone)]
pub(super) struct Item<'a> {
    pub val: Val<'a>,
    pub path: Path<'a>,
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
}

impl<'a> Item<'a> {
    pub fn json(value: &'a Value, path: Path<'a>) -> Item<'a> {
        Item {
            val: Val::Json(value),
            path,
        }
    }

    pub fn lit(lit: &'a Lit) -> Item<'a> {
        Item {
            val: Val::Lit(lit),
            path: None,
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
            Val::Lit(lit) => match lit {
                Lit::Null => Scalar::Null,
                Lit::Str(text) => Scalar::Str(text),
                Lit::Regex(regex, pattern) => Scalar::Regex(regex, pattern),
                Lit::Bool(b) => Scalar::Bool(*b),
                Lit::Int(i) => Scalar::Int(*i),
                Lit::Float(f) => Scalar::Float(*f),
                Lit::List(_) => Scalar::List,
                Lit::Map(_) => Scalar::Map,
            },
            Val::Key(key) => Scalar::Str(key),
            Val::Computed(computed) => match &**computed {
                Computed::Str(text) => Scalar::Str(text),
                Computed::Int(i) => Scalar::Int(*i),
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
            Val::Json(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(index, item)| Item::json(item, child_index(&self.path, index)))
                .collect(),
            Val::Lit(Lit::List(items)) => items
                .iter()
                .enumerate()
                .map(|(index, item)| Item {
                    val: Val::Lit(item),
                    path: child_index(&self.path, index),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        match &self.val {
            Val::Json(Value::Array(items)) => items.len(),
            Val::Json(Value::Object(map)) => map.len(),
            Val::Lit(Lit::List(items)) => items.len(),
            Val::Lit(Lit::Map(entries)) => entries.len(),
            _ => 0,
        }
    }

    /// The entries of a map, in order, as (key item, value item).
    pub fn entries(&self) -> Vec<(Item<'a>, Item<'a>)> {
        match &self.val {
            // A document's keys carry the path of their map (cfn-guard reads documents with its
            // YAML loader, which places keys so); a literal map's keys carry their own.
            Val::Json(Value::Object(map)) => map
                .iter()
                .map(|(key, value)| {
                    (
                        Item {
                            val: Val::Key(key),
                            path: self.path.clone(),
                        },
                        Item::json(value, child_key(&self.path, key)),
                    )
                })
                .collect(),
            Val::Lit(Lit::Map(entries)) => entries
                .iter()
                .map(|(key, value)| {
                    let path = child_key(&self.path, key);
                    (
                        Item {
                            val: Val::Key(key),
                            path: path.clone(),
                        },
                        Item {
                            val: Val::Lit(value),
                            path,
                        },
                    )
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The values of a map, in order.
    pub fn map_values(&self) -> Vec<Item<'a>> {
        match &self.val {
            Val::Json(Value::Object(map)) => map
                .iter()
                .map(|(key, value)| Item::json(value, child_key(&self.path, key)))
                .collect(),
            Val::Lit(Lit::Map(entries)) => entries
                .iter()
                .map(|(key, value)| Item {
                    val: Val::Lit(value),
                    path: child_key(&self.path, key),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether any element of this list equals `value` (by `equal`), without building the
    /// elements' paths, which comparing values does not need.
    pub fn any_element(&self, mut equal: impl FnMut(&Item<'a>) -> bool) -> bool {
        match &self.val {
            Val::Json(Value::Array(items)) => items.iter().any(|item| equal(&Item::json(item, None))),
            Val::Lit(Lit::List(items)) => items.iter().any(|item| {
                equal(&Item {
                    val: Val::Lit(item),
                    path: None,
                })
            }),
            _ => false,
        }
    }

    /// The value under `key` of a map.
    pub fn get(&self, key: &str) -> Option<Item<'a>> {
        match &self.val {
            Val::Json(Value::Object(map)) => map
                .get_key_value(key)
                .map(|(key, value)| Item::json(value, child_key(&self.path, key))),
            Val::Lit(Lit::Map(entries)) => entries
                .iter()
                .find(|(name, _)| name == key)
                .map(|(name, value)| Item {
                    val: Val::Lit(value),
                    path: child_key(&self.path, name),
                }),
            _ => None,
        }
    }

    pub fn path_text(&self) -> String {
        path_text(&self.path)
    }

    /// cfn-guard's `Display` of a value: `Path=/a/b Value=...` (its location part left out,
    /// which the report reader strips anyway).
    pub fn display(&self) -> String {
        format!("Path={} Value={}", self.path_text(), self.value_display())
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

/// The character offset, in `root`'s compact JSON text, where the value at `path` starts.
pub(super) fn column_of(root: &Value, path: &Path<'_>) -> Option<usize> {
    let mut steps = Vec::new();
    let mut at = path.as_deref();
    while let Some(node) = at {
        steps.push(&node.step);
        at = node.parent.as_deref();
    }
    let width = |value: &Value| value.to_string().chars().count();
    let key_width = |key: &str| Value::String(key.to_string()).to_string().chars().count();
    let mut column = 0;
    let mut current = root;
    for step in steps.into_iter().rev() {
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
                for item in items.iter().take(*index) {
                    column += width(item) + 1;
                }
                current = items.get(*index)?;
            }
            _ => return None,
        }
    }
    Some(column)
}

//! The spanned value tree shared by YAML, JSON and evaluated Terraform.
//!
//! Parsers build it from syntax; the CloudFormation resolver and the Terraform evaluator rewrite
//! it, replacing what they cannot compute by [`NodeKind::Unknown`] and recording in
//! [`Node::via`] the places a value came through (a variable default, a parameter default).

use crate::source::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value is written: for a derived value, the place that uses it.
    pub span: Span,
    pub kind: NodeKind,
    /// The places the value came through before it reached `span`, nearest first.
    pub via: Vec<Via>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Number(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
    /// A YAML tag that is not one of the core schema's, such as CloudFormation's `!Ref`.
    Tagged(String, Box<Node>),
    /// A value that is set but cannot be known before deployment, and why.
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

/// One step of a derived value's history: where it was, and a sentence saying what that place
/// is ("the value comes from the default of variable `x`"), shown as a related location.
#[derive(Debug, Clone, PartialEq)]
pub struct Via {
    pub span: Span,
    pub note: String,
}

impl Node {
    pub fn new(span: Span, kind: NodeKind) -> Node {
        Node {
            span,
            kind,
            via: Vec::new(),
        }
    }

    pub fn unknown(span: Span, reason: impl Into<String>) -> Node {
        Node::new(span, NodeKind::Unknown(reason.into()))
    }

    /// The value under `key`; with duplicate keys the last wins, as in most decoders.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|entry| &entry.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?.iter().rev().find(|entry| entry.key == key)
    }

    /// Follows a path of keys through nested maps.
    pub fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            NodeKind::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self.kind {
            NodeKind::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.kind, NodeKind::Unknown(_))
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, NodeKind::Null)
    }

    /// A short name for the kind of value, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "boolean",
            NodeKind::Number(_) => "number",
            NodeKind::Str(_) => "string",
            NodeKind::Seq(_) => "list",
            NodeKind::Map(_) => "map",
            NodeKind::Tagged(..) => "tagged value",
            NodeKind::Unknown(_) => "unknown value",
        }
    }
}

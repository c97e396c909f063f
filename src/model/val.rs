//! A value with its provenance.
//!
//! Every leaf a rule decides on is a [`Val`]: either known, or unknown with the reason, and
//! always with the place it came from. That place is what a finding points at, and its history
//! (`How::Derived`) becomes the finding's related locations.

use crate::parse::{Node, NodeKind, Via};
use crate::source::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Val<T> {
    /// `Ok` when known; `Err` holds why it cannot be known before deployment.
    pub value: Result<T, String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub span: Span,
    pub how: How,
}

#[derive(Debug, Clone, PartialEq)]
pub enum How {
    /// Written where `span` points.
    Explicit,
    /// Not written: the cloud's or the platform's default, spanned at the enclosing block.
    Default,
    /// Written at `span` as an expression whose value came through these places.
    Derived(Vec<Via>),
}

impl<T> Val<T> {
    pub fn known(value: T, span: Span) -> Val<T> {
        Val {
            value: Ok(value),
            origin: Origin {
                span,
                how: How::Explicit,
            },
        }
    }

    /// The value used when the attribute is absent, located at the block that lacks it.
    pub fn default(value: T, block: Span) -> Val<T> {
        Val {
            value: Ok(value),
            origin: Origin {
                span: block,
                how: How::Default,
            },
        }
    }

    pub fn unknown(reason: impl Into<String>, span: Span) -> Val<T> {
        Val {
            value: Err(reason.into()),
            origin: Origin {
                span,
                how: How::Explicit,
            },
        }
    }

    pub fn get(&self) -> Option<&T> {
        self.value.as_ref().ok()
    }

    pub fn is_default(&self) -> bool {
        self.origin.how == How::Default
    }

    pub fn span(&self) -> Span {
        self.origin.span
    }

    /// Reads a tree node with `convert`; a node of another type is unknown, saying so.
    pub fn from_node(node: &Node, expected: &str, convert: impl Fn(&Node) -> Option<T>) -> Val<T> {
        let how = if node.via.is_empty() {
            How::Explicit
        } else {
            How::Derived(node.via.clone())
        };
        let value = match (&node.kind, convert(node)) {
            (_, Some(value)) => Ok(value),
            (NodeKind::Unknown(reason), None) => Err(reason.clone()),
            (_, None) => Err(format!("expected {expected}, found {}", node.type_name())),
        };
        Val {
            value,
            origin: Origin {
                span: node.span,
                how,
            },
        }
    }
}

impl Val<bool> {
    /// Known and true.
    pub fn is_true(&self) -> bool {
        self.value == Ok(true)
    }

    /// Known and false.
    pub fn is_false(&self) -> bool {
        self.value == Ok(false)
    }

    /// A boolean node; CloudFormation and Kubernetes string forms `"true"`/`"false"` count too.
    pub fn from_bool_node(node: &Node) -> Val<bool> {
        Val::from_node(node, "a boolean", |n| match &n.kind {
            NodeKind::Bool(b) => Some(*b),
            NodeKind::Str(s) if s.eq_ignore_ascii_case("true") => Some(true),
            NodeKind::Str(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        })
    }
}

impl Val<String> {
    pub fn from_str_node(node: &Node) -> Val<String> {
        Val::from_node(node, "a string", |n| match &n.kind {
            NodeKind::Str(s) => Some(s.clone()),
            NodeKind::Number(x) => Some(x.to_string()),
            NodeKind::Bool(b) => Some(b.to_string()),
            _ => None,
        })
    }
}

impl Val<Vec<Val<String>>> {
    /// A list of strings, each element keeping its own span. When the list came through a
    /// variable or local, each element also remembers where the list is used.
    pub fn from_str_list_node(node: &Node) -> Val<Vec<Val<String>>> {
        Val::from_node(node, "a list", |n| {
            n.as_seq().map(|items| {
                items
                    .iter()
                    .map(|item| {
                        let mut element = Val::from_str_node(item);
                        if !n.via.is_empty() && element.origin.how == How::Explicit {
                            // Where the list is used, then where the list came from.
                            let mut via = vec![Via {
                                span: n.span,
                                note: "the list is used here".to_string(),
                            }];
                            via.extend(n.via.iter().cloned());
                            element.origin.how = How::Derived(via);
                        }
                        element
                    })
                    .collect()
            })
        })
    }
}

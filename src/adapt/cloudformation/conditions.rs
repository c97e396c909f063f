//! Conditions: the `Conditions` section, `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`,
//! `Condition`, and `Fn::If`, which picks a branch.
//!
//! A condition is evaluated when its inputs are known (parameter values and defaults, pseudo
//! parameters given with `--cfn-params`); its value remembers the places it came from, so a
//! finding on the branch it chose points at the condition and the parameter behind it.
//!
//! An unknown condition makes `Fn::If` unknown. The adapter may then look at a resource again
//! under an [`Assumption`] ("when condition `IsProd` is false"): the assumed value is used, and
//! every value chosen through it carries that note.

use std::collections::BTreeSet;

use super::intrinsics::{as_intrinsic, equal, merge_via, unknown_because, Assumption, Resolver};
use crate::parse::{Node, NodeKind, Via};
use crate::source::Span;

impl Resolver<'_, '_> {
    /// The value of the condition `name` (a boolean, with its provenance) or unknown.
    pub fn condition(&self, name: &str, at: Span) -> Node {
        if let Some(assumption) = self.assumed.iter().find(|a| a.condition == name) {
            return Node {
                span: at,
                kind: NodeKind::Bool(assumption.value),
                via: vec![self.assumption_via(assumption)],
            };
        }
        let Some(entry) = self.template.conditions.get(name) else {
            return Node::unknown(at, format!("condition `{name}` is not defined"));
        };
        let cached = self.cache.borrow().get(name).cloned();
        if let Some(mut value) = cached {
            value.span = at;
            return value;
        }
        if self.evaluating.borrow().iter().any(|n| n == name) {
            self.broken.set(true);
            return Node::unknown(at, format!("condition `{name}` refers to itself"));
        }
        self.evaluating.borrow_mut().push(name.to_string());
        let value = self.condition_value(&entry.value);
        self.evaluating.borrow_mut().pop();
        let result = match value.kind {
            NodeKind::Bool(b) => {
                let mut via = vec![Via {
                    span: entry.key_span,
                    note: format!("condition `{name}` is {b}"),
                }];
                merge_via(&mut via, value.via);
                Node {
                    span: at,
                    kind: NodeKind::Bool(b),
                    via,
                }
            }
            NodeKind::Unknown(reason) => Node::unknown(at, reason),
            _ => Node::unknown(at, format!("condition `{name}` is not a boolean")),
        };
        self.cache
            .borrow_mut()
            .insert(name.to_string(), result.clone());
        result
    }

    /// Whether condition `name` is defined and unknown because of values only known at
    /// deployment, not because it is circular or nested too deeply.
    pub fn is_open(&self, name: &str, at: Span) -> bool {
        let fresh = Resolver::new(self.template, self.assumed.clone());
        self.template.conditions.contains_key(name)
            && fresh.condition(name, at).is_unknown()
            && !fresh.broken.get()
    }

    /// Evaluates a condition expression: a condition function, or `{Condition: Name}`.
    fn condition_value(&self, node: &Node) -> Node {
        if let Some(name) = node
            .as_map()
            .filter(|entries| entries.len() == 1 && entries[0].key == "Condition")
            .and_then(|entries| entries[0].value.as_str())
        {
            return self.condition(name, node.span);
        }
        let value = self.resolve(node);
        match &value.kind {
            NodeKind::Bool(_) | NodeKind::Unknown(_) => value,
            NodeKind::Str(s) if s == "true" || s == "false" => Node {
                kind: NodeKind::Bool(s == "true"),
                ..value
            },
            other => Node::unknown(
                node.span,
                format!("a condition must be a boolean, found a {}", {
                    Node::new(node.span, other.clone()).type_name()
                }),
            ),
        }
    }

    /// `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` and `Condition`.
    pub(super) fn condition_function(&self, name: &str, argument: &Node, span: Span) -> Node {
        let items = argument.as_seq().unwrap_or_default();
        match name {
            "Condition" => match self.resolve(argument).as_str() {
                Some(condition) => self.condition(condition, span),
                None => Node::unknown(span, "`Condition` names a condition with a string"),
            },
            "Fn::Equals" => {
                let [a, b] = items else {
                    return Node::unknown(span, "`Fn::Equals` expects two values");
                };
                let (a, b) = (self.resolve(a), self.resolve(b));
                match equal(&a, &b) {
                    Some(same) => {
                        let mut via = a.via;
                        merge_via(&mut via, b.via);
                        Node {
                            span,
                            kind: NodeKind::Bool(same),
                            via,
                        }
                    }
                    None => {
                        let input = if a.is_unknown() { &a } else { &b };
                        unknown_because(span, "`Fn::Equals`", input)
                    }
                }
            }
            "Fn::Not" => {
                let [inner] = items else {
                    return Node::unknown(span, "`Fn::Not` expects one condition");
                };
                let value = self.condition_value(inner);
                match value.kind {
                    NodeKind::Bool(b) => Node {
                        span,
                        kind: NodeKind::Bool(!b),
                        via: value.via,
                    },
                    _ => unknown_because(span, "`Fn::Not`", &value),
                }
            }
            _ => {
                // `Fn::And` / `Fn::Or`: one deciding value settles it, unknowns aside.
                let decisive = name == "Fn::Or";
                if items.is_empty() {
                    return Node::unknown(span, format!("`{name}` expects a list of conditions"));
                }
                let mut via = Vec::new();
                let mut unknown = None;
                for item in items {
                    let value = self.condition_value(item);
                    match value.kind {
                        NodeKind::Bool(b) if b == decisive => {
                            return Node {
                                span,
                                kind: NodeKind::Bool(decisive),
                                via: value.via,
                            }
                        }
                        NodeKind::Bool(_) => merge_via(&mut via, value.via),
                        _ => unknown = unknown.or(Some(value)),
                    }
                }
                match unknown {
                    Some(value) => unknown_because(span, name, &value),
                    None => Node {
                        span,
                        kind: NodeKind::Bool(!decisive),
                        via,
                    },
                }
            }
        }
    }

    /// `Fn::If: [condition, value if true, value if false]`: the chosen branch, which keeps its
    /// own location and remembers the condition that chose it.
    pub(super) fn fn_if(&self, argument: &Node, span: Span) -> Node {
        let Some([name, when_true, when_false]) = argument.as_seq() else {
            return Node::unknown(span, "`Fn::If` expects `[condition, if true, if false]`");
        };
        let Some(name) = name.as_str() else {
            return Node::unknown(span, "`Fn::If` names its condition with a string");
        };
        let condition = self.condition(name, span);
        let Some(value) = condition.as_bool() else {
            return unknown_because(span, "`Fn::If`", &condition);
        };
        let branch = if value { when_true } else { when_false };
        let mut chosen = self.resolve(branch);
        merge_via(&mut chosen.via, condition.via);
        chosen
    }
}

/// The conditions a resource's `Fn::If`s depend on, in name order.
pub fn conditions_used(node: &Node, names: &mut BTreeSet<String>) {
    if let Some((function, argument)) = as_intrinsic(node) {
        if function == "Fn::If" {
            if let Some(name) = argument
                .as_seq()
                .and_then(<[Node]>::first)
                .and_then(Node::as_str)
            {
                names.insert(name.to_string());
            }
        }
    }
    match &node.kind {
        NodeKind::Map(entries) => entries
            .iter()
            .for_each(|e| conditions_used(&e.value, names)),
        NodeKind::Seq(items) => items.iter().for_each(|n| conditions_used(n, names)),
        NodeKind::Tagged(_, inner) => conditions_used(inner, names),
        _ => {}
    }
}

/// The note findings carry when they hold only under an assumed condition value.
pub fn when(condition: &str, value: bool) -> Assumption {
    Assumption {
        condition: condition.to_string(),
        value,
        note: format!("when condition `{condition}` is {value}"),
    }
}

//! CloudFormation intrinsic functions, in both syntaxes (`!Sub x` and `{"Fn::Sub": x}`).
//!
//! [`Resolver::resolve`] rewrites a resource's `Properties` into plain values, computing what is
//! known before deployment: parameters (a `--cfn-params` value, else the `Default`, else a single
//! `AllowedValues` entry), pseudo parameters when given, `Fn::Sub`, `Fn::Join`, `Fn::Select`,
//! `Fn::Split`, `Fn::FindInMap`, `Fn::Base64`, `Fn::Cidr`, `Fn::Length`, and conditions with
//! `Fn::If` (see `conditions.rs`). A value that came through a parameter, a mapping or a
//! condition remembers that place in [`Node::via`], so findings show it as a related location.
//!
//! What cannot be known becomes [`NodeKind::Unknown`] with the reason: a reference to another
//! resource (`Ref`, `Fn::GetAtt`: unknown but *set*, so "a KMS key is configured" holds), an
//! export (`Fn::ImportValue`), Availability Zones, SSM parameter types and `{{resolve:...}}`
//! dynamic references. Unknown inputs make the whole function unknown, keeping the reason.
//! Recursion is bounded by [`MAX_DEPTH`], and condition cycles are detected, so hostile
//! templates end in an unknown value instead of a hang or a stack overflow.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};

use super::params::Params;
use crate::parse::{Entry, Node, NodeKind, Via};
use crate::source::{FileId, Span};

/// How deep resolution may recurse (tree nesting plus condition and reference hops). The
/// parsers already refuse trees deeper than [`crate::parse::MAX_DEPTH`]; this leaves room for a
/// few hops on top and stops cycles.
pub const MAX_DEPTH: usize = crate::parse::MAX_DEPTH + 64;

const TOO_DEEP: &str = "intrinsic functions nested too deeply, or referring to themselves";

/// The parts of a template that intrinsic functions refer to.
pub struct Template<'a> {
    pub(super) parameters: HashMap<&'a str, &'a Entry>,
    pub(super) mappings: Option<&'a Node>,
    pub(super) conditions: HashMap<&'a str, &'a Entry>,
    pub(super) resources: HashSet<&'a str>,
    pub(super) params: &'a Params,
    /// The template's file, where its conditions are.
    file: FileId,
}

impl<'a> Template<'a> {
    pub fn new(root: &'a Node, params: &'a Params) -> Template<'a> {
        let section = |name: &str| root.get(name).and_then(Node::as_map).unwrap_or_default();
        Template {
            parameters: section("Parameters")
                .iter()
                .map(|e| (e.key.as_str(), e))
                .collect(),
            mappings: root.get("Mappings"),
            conditions: section("Conditions")
                .iter()
                .map(|e| (e.key.as_str(), e))
                .collect(),
            resources: section("Resources")
                .iter()
                .map(|e| e.key.as_str())
                .collect(),
            params,
            file: root.span.file,
        }
    }
}

/// A condition taken as true or false without knowing it, for one view of a resource.
#[derive(Debug, Clone)]
pub struct Assumption {
    pub condition: String,
    pub value: bool,
    /// What findings under this assumption say, e.g. "when condition `IsProd` is false".
    pub note: String,
}

/// Resolves intrinsic functions under a set of assumptions about conditions.
pub struct Resolver<'t, 'a> {
    pub(super) template: &'t Template<'a>,
    pub(super) assumed: Vec<Assumption>,
    /// Evaluated conditions, so a condition used many times (or a diamond of conditions) is
    /// evaluated once.
    pub(super) cache: RefCell<HashMap<String, Node>>,
    /// Conditions being evaluated, to detect cycles.
    pub(super) evaluating: RefCell<Vec<String>>,
    depth: Cell<usize>,
    /// Set when a cycle or the depth limit was hit: the template is broken there, and its
    /// unknowns are not deployment-time unknowns worth looking at both ways.
    pub(super) broken: Cell<bool>,
}

/// Leaves one level of recursion when dropped.
pub(super) struct Level<'r>(&'r Cell<usize>);

impl Drop for Level<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get().saturating_sub(1));
    }
}

impl<'t, 'a> Resolver<'t, 'a> {
    pub fn new(template: &'t Template<'a>, assumed: Vec<Assumption>) -> Resolver<'t, 'a> {
        Resolver {
            template,
            assumed,
            cache: RefCell::new(HashMap::new()),
            evaluating: RefCell::new(Vec::new()),
            depth: Cell::new(0),
            broken: Cell::new(false),
        }
    }

    /// Enters one level of recursion, or `None` when too deep.
    pub(super) fn enter(&self) -> Option<Level<'_>> {
        if self.depth.get() >= MAX_DEPTH {
            self.broken.set(true);
            return None;
        }
        self.depth.set(self.depth.get() + 1);
        Some(Level(&self.depth))
    }

    /// The places findings under this resolver's assumptions should mention.
    pub fn assumption_notes(&self) -> Vec<Via> {
        self.assumed
            .iter()
            .map(|a| self.assumption_via(a))
            .collect()
    }

    pub(super) fn assumption_via(&self, assumption: &Assumption) -> Via {
        let span = self.template.conditions.get(assumption.condition.as_str());
        Via {
            span: span.map_or(Span::file_start(self.template.file), |e| e.key_span),
            note: assumption.note.clone(),
        }
    }

    /// A copy of `node` with intrinsic functions evaluated or made unknown. `AWS::NoValue`
    /// becomes null, which readers treat as absent; in a list it removes the element.
    pub fn resolve(&self, node: &Node) -> Node {
        let Some(_level) = self.enter() else {
            return Node::unknown(node.span, TOO_DEEP);
        };
        if let Some((name, argument)) = as_intrinsic(node) {
            return self.intrinsic(name, argument, node.span);
        }
        let kind = match &node.kind {
            NodeKind::Map(entries) => NodeKind::Map(
                entries
                    .iter()
                    .map(|entry| Entry {
                        key: entry.key.clone(),
                        key_span: entry.key_span,
                        value: self.resolve(&entry.value),
                    })
                    .collect(),
            ),
            NodeKind::Seq(items) => NodeKind::Seq(
                items
                    .iter()
                    .filter_map(|item| {
                        let value = self.resolve(item);
                        // `!Ref AWS::NoValue` (also through `Fn::If`) drops a list element.
                        let removed = value.is_null() && as_intrinsic(item).is_some();
                        (!removed).then_some(value)
                    })
                    .collect(),
            ),
            NodeKind::Str(text) if text.contains("{{resolve:") => {
                return Node::unknown(
                    node.span,
                    "a dynamic reference (`{{resolve:...}}`), read from SSM or Secrets Manager at deployment",
                )
            }
            NodeKind::Tagged(tag, _) => {
                return Node::unknown(
                    node.span,
                    format!("`{tag}` is not a CloudFormation intrinsic function"),
                )
            }
            other => other.clone(),
        };
        Node {
            span: node.span,
            kind,
            via: node.via.clone(),
        }
    }

    fn intrinsic(&self, name: &str, argument: &Node, span: Span) -> Node {
        match name {
            "Ref" => self.reference(argument, span),
            "Fn::GetAtt" => self.get_att(argument, span),
            "Fn::Sub" => self.sub(argument, span),
            "Fn::Join" => self.join(argument, span),
            "Fn::Select" => self.select(argument, span),
            "Fn::Split" => self.split(argument, span),
            "Fn::FindInMap" => self.find_in_map(argument, span),
            "Fn::Base64" => self.base64(argument, span),
            "Fn::Cidr" => self.cidr(argument, span),
            "Fn::Length" => self.length(argument, span),
            "Fn::If" => self.fn_if(argument, span),
            "Fn::Equals" | "Fn::And" | "Fn::Or" | "Fn::Not" | "Condition" => {
                self.condition_function(name, argument, span)
            }
            "Fn::ImportValue" => Node::unknown(
                span,
                "a value exported by another stack (`Fn::ImportValue`), known at deployment",
            ),
            "Fn::GetAZs" => Node::unknown(
                span,
                "the Availability Zones of a region (`Fn::GetAZs`), known at deployment",
            ),
            "Fn::Transform" => Node::unknown(span, "the output of a macro (`Fn::Transform`)"),
            other => Node::unknown(span, format!("`{other}` is not evaluated")),
        }
    }

    /// `Ref`: a parameter's value, a pseudo parameter, `AWS::NoValue`, or a resource (unknown
    /// but set).
    fn reference(&self, argument: &Node, span: Span) -> Node {
        let target = self.resolve(argument);
        let Some(target) = target.as_str() else {
            return Node::unknown(span, "`Ref` to a name that is not a literal string");
        };
        if target == "AWS::NoValue" {
            return Node::new(span, NodeKind::Null);
        }
        if let Some(parameter) = self.template.parameters.get(target) {
            return self.parameter(target, parameter, span);
        }
        if self.template.resources.contains(target) {
            return Node::unknown(
                span,
                format!("a reference to resource `{target}`, known once it is created"),
            );
        }
        if let Some(given) = self.template.params.get(target) {
            if target.starts_with("AWS::") {
                return Node {
                    span,
                    kind: NodeKind::Str(given.value.clone()),
                    via: vec![Via {
                        span,
                        note: format!("`{target}` is `{}` in `{}`", given.value, given.file),
                    }],
                };
            }
        }
        if target.starts_with("AWS::") {
            return Node::unknown(
                span,
                format!("the pseudo parameter `{target}` is known at deployment"),
            );
        }
        Node::unknown(
            span,
            format!("`{target}` is neither a parameter nor a resource of this template"),
        )
    }

    /// A parameter's value: from `--cfn-params`, else its `Default`, else its only allowed
    /// value. SSM parameter types hold a parameter *name*: their value is read at deployment.
    fn parameter(&self, name: &str, declaration: &Entry, span: Span) -> Node {
        let decl = &declaration.value;
        let type_name = decl.get("Type").and_then(Node::as_str).unwrap_or("String");
        if type_name.starts_with("AWS::SSM::Parameter::Value") {
            return Node::unknown(
                span,
                format!("parameter `{name}` is read from SSM Parameter Store at deployment"),
            );
        }
        let is_list = type_name == "CommaDelimitedList" || type_name.starts_with("List<");
        let (value, via) = if let Some(given) = self.template.params.get(name) {
            let value = Node::new(span, NodeKind::Str(given.value.clone()));
            let note = format!(
                "parameter `{name}` is `{}` in `{}`",
                given.value, given.file
            );
            (
                value,
                Via {
                    span: declaration.key_span,
                    note,
                },
            )
        } else if let Some(default) = decl.get("Default") {
            let note = format!("the value comes from the default of parameter `{name}`");
            let value = self.resolve(default);
            (
                value,
                Via {
                    span: default.span,
                    note,
                },
            )
        } else if let Some([only]) = decl.get("AllowedValues").and_then(Node::as_seq) {
            let note = format!("parameter `{name}` allows only this value");
            (
                self.resolve(only),
                Via {
                    span: only.span,
                    note,
                },
            )
        } else {
            return Node::unknown(
                span,
                format!("parameter `{name}` has no default; its value is given at deployment"),
            );
        };
        // Each element of a list parameter remembers the parameter too: a finding on one
        // element then points at where the list was set.
        let mut value = match (is_list, scalar_text(&value)) {
            (true, Some(text)) => Node::new(
                span,
                NodeKind::Seq(
                    text.split(',')
                        .map(|item| Node {
                            span,
                            kind: NodeKind::Str(item.trim().to_string()),
                            via: vec![via.clone()],
                        })
                        .collect(),
                ),
            ),
            _ => value,
        };
        value.span = span;
        value.via.insert(0, via);
        value
    }

    /// `Fn::GetAtt`: `[Resource, Attribute]` or `Resource.Attribute`, always unknown.
    fn get_att(&self, argument: &Node, span: Span) -> Node {
        let resource = match &argument.kind {
            NodeKind::Str(text) => text.split_once('.').map(|(r, _)| r.to_string()),
            NodeKind::Seq(items) => items.first().and_then(Node::as_str).map(str::to_string),
            _ => None,
        };
        match resource {
            Some(name) if self.template.resources.contains(name.as_str()) => Node::unknown(
                span,
                format!("an attribute of resource `{name}`, known once it is created"),
            ),
            Some(name) => Node::unknown(
                span,
                format!("`Fn::GetAtt` names `{name}`, which is not a resource of this template"),
            ),
            None => Node::unknown(span, "`Fn::GetAtt` expects `[Resource, Attribute]`"),
        }
    }

    /// `Fn::Sub`: `text` or `[text, {Name: value}]`; `${Name}` is a variable, a parameter or
    /// pseudo parameter, `${Resource.Attribute}` an attribute, `${!Literal}` stays `${Literal}`.
    fn sub(&self, argument: &Node, span: Span) -> Node {
        let (text_node, variables) = match &argument.kind {
            NodeKind::Seq(items) if items.len() == 2 => (&items[0], items[1].as_map()),
            NodeKind::Seq(_) => {
                return Node::unknown(span, "`Fn::Sub` expects a string or `[string, variables]`")
            }
            _ => (argument, None),
        };
        let Some(text) = text_node.as_str() else {
            return Node::unknown(span, "`Fn::Sub` of a string that is not literal");
        };
        let mut out = String::new();
        let mut via = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let name = after[..end].trim();
            rest = &after[end + 1..];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
                continue;
            }
            let value = match variables.and_then(|vars| vars.iter().rev().find(|e| e.key == name)) {
                Some(variable) => self.resolve(&variable.value),
                None if name.contains('.') && !name.starts_with("AWS::") => {
                    let argument = Node::new(span, NodeKind::Str(name.to_string()));
                    self.get_att(&argument, span)
                }
                None => {
                    let argument = Node::new(span, NodeKind::Str(name.to_string()));
                    self.reference(&argument, span)
                }
            };
            match scalar_text(&value) {
                Some(part) => out.push_str(&part),
                None => return unknown_because(span, "`Fn::Sub`", &value),
            }
            merge_via(&mut via, value.via);
        }
        out.push_str(rest);
        Node {
            span,
            kind: NodeKind::Str(out),
            via,
        }
    }

    /// `Fn::Join: [delimiter, [values]]`.
    fn join(&self, argument: &Node, span: Span) -> Node {
        let Some([delimiter, list]) = argument.as_seq() else {
            return Node::unknown(span, "`Fn::Join` expects `[delimiter, list]`");
        };
        let delimiter = self.resolve(delimiter);
        let list = self.resolve(list);
        let Some(delimiter_text) = delimiter.as_str() else {
            return unknown_because(span, "`Fn::Join`", &delimiter);
        };
        let Some(items) = list.as_seq() else {
            return unknown_because(span, "`Fn::Join`", &list);
        };
        let mut parts = Vec::new();
        let mut via = list.via.clone();
        for item in items {
            match scalar_text(item) {
                Some(text) => parts.push(text),
                None => return unknown_because(span, "`Fn::Join`", item),
            }
            merge_via(&mut via, item.via.clone());
        }
        Node {
            span,
            kind: NodeKind::Str(parts.join(delimiter_text)),
            via,
        }
    }

    /// `Fn::Select: [index, list]`.
    fn select(&self, argument: &Node, span: Span) -> Node {
        let Some([index, list]) = argument.as_seq() else {
            return Node::unknown(span, "`Fn::Select` expects `[index, list]`");
        };
        let index = self.resolve(index);
        let list = self.resolve(list);
        let Some(position) = scalar_text(&index).and_then(|t| t.parse::<usize>().ok()) else {
            return unknown_because(span, "`Fn::Select`", &index);
        };
        let Some(items) = list.as_seq() else {
            return unknown_because(span, "`Fn::Select`", &list);
        };
        let Some(item) = items.get(position) else {
            return Node::unknown(
                span,
                format!("`Fn::Select` index {position} is out of range"),
            );
        };
        let mut value = item.clone();
        value.span = span;
        merge_via(&mut value.via, list.via);
        merge_via(&mut value.via, index.via);
        value
    }

    /// `Fn::Split: [delimiter, text]`.
    fn split(&self, argument: &Node, span: Span) -> Node {
        let Some([delimiter, text]) = argument.as_seq() else {
            return Node::unknown(span, "`Fn::Split` expects `[delimiter, string]`");
        };
        let delimiter = self.resolve(delimiter);
        let text = self.resolve(text);
        let (Some(delimiter_text), Some(whole)) = (delimiter.as_str(), scalar_text(&text)) else {
            let input = if delimiter.as_str().is_none() {
                &delimiter
            } else {
                &text
            };
            return unknown_because(span, "`Fn::Split`", input);
        };
        if delimiter_text.is_empty() {
            return Node::unknown(span, "`Fn::Split` with an empty delimiter");
        }
        let items = whole
            .split(delimiter_text)
            .map(|part| Node {
                span,
                kind: NodeKind::Str(part.to_string()),
                via: text.via.clone(),
            })
            .collect();
        Node {
            span,
            kind: NodeKind::Seq(items),
            via: text.via,
        }
    }

    /// `Fn::FindInMap: [Map, TopKey, SecondKey]` (with an optional `{DefaultValue: x}`). When a
    /// key is unknown but every entry it could select holds the same value, that value is known.
    fn find_in_map(&self, argument: &Node, span: Span) -> Node {
        let Some(arguments) = argument.as_seq().filter(|a| (3..=4).contains(&a.len())) else {
            return Node::unknown(
                span,
                "`Fn::FindInMap` expects `[MapName, TopLevelKey, SecondLevelKey]`",
            );
        };
        let keys: Vec<Node> = arguments[..3].iter().map(|a| self.resolve(a)).collect();
        let Some(map_name) = scalar_text(&keys[0]) else {
            return unknown_because(span, "`Fn::FindInMap`", &keys[0]);
        };
        let Some(mapping) = self.template.mappings.and_then(|m| m.get(&map_name)) else {
            return self.map_default(
                arguments,
                span,
                &format!("mapping `{map_name}` is not defined"),
            );
        };
        // Every (top, second) entry the keys may select.
        let mut candidates = Vec::new();
        let tops = select_entries(mapping, &keys[1]);
        for top in &tops {
            for second in select_entries(&top.value, &keys[2]) {
                candidates.push((top.key.clone(), second));
            }
        }
        let Some((top, first)) = candidates.first() else {
            return self.map_default(
                arguments,
                span,
                &format!("mapping `{map_name}` has no such entry"),
            );
        };
        let unknown_key = keys[1..].iter().find(|k| scalar_text(k).is_none());
        if let Some(key) = unknown_key {
            let same = candidates
                .iter()
                .all(|(_, entry)| same_value(&entry.value, &first.value));
            if !same {
                return unknown_because(span, "`Fn::FindInMap`", key);
            }
        }
        let mut value = self.resolve(&first.value);
        let note = if unknown_key.is_some() {
            format!("every entry of mapping `{map_name}` gives this value")
        } else {
            format!(
                "the value comes from mapping `{map_name}` (`{top}`, `{}`)",
                first.key
            )
        };
        value.via.insert(
            0,
            Via {
                span: first.value.span,
                note,
            },
        );
        value.span = span;
        for key in keys {
            merge_via(&mut value.via, key.via);
        }
        value
    }

    /// The `DefaultValue` of `Fn::FindInMap` (AWS::LanguageExtensions), or unknown.
    fn map_default(&self, arguments: &[Node], span: Span, why: &str) -> Node {
        match arguments
            .get(3)
            .and_then(|options| options.get("DefaultValue"))
        {
            Some(default) => {
                let mut value = self.resolve(default);
                value.span = span;
                value
            }
            None => Node::unknown(span, format!("`Fn::FindInMap`: {why}")),
        }
    }

    fn base64(&self, argument: &Node, span: Span) -> Node {
        let value = self.resolve(argument);
        match scalar_text(&value) {
            Some(text) => Node {
                span,
                kind: NodeKind::Str(super::compute::base64(&text)),
                via: value.via,
            },
            None => unknown_because(span, "`Fn::Base64`", &value),
        }
    }

    /// `Fn::Cidr: [ipBlock, count, cidrBits]`, IPv4 only.
    fn cidr(&self, argument: &Node, span: Span) -> Node {
        let Some([block, count, bits]) = argument.as_seq() else {
            return Node::unknown(span, "`Fn::Cidr` expects `[ipBlock, count, cidrBits]`");
        };
        let values = [block, count, bits].map(|a| self.resolve(a));
        if let Some(unknown) = values.iter().find(|v| scalar_text(v).is_none()) {
            return unknown_because(span, "`Fn::Cidr`", unknown);
        }
        let texts = values.clone().map(|v| scalar_text(&v).unwrap_or_default());
        let subnets = match (texts[1].parse::<u32>(), texts[2].parse::<u32>()) {
            (Ok(count), Ok(bits)) => super::compute::cidr(&texts[0], count, bits),
            _ => None,
        };
        let Some(subnets) = subnets else {
            return Node::unknown(
                span,
                "`Fn::Cidr` arguments are not evaluated (IPv6 or invalid)",
            );
        };
        let mut via = Vec::new();
        for value in values {
            merge_via(&mut via, value.via);
        }
        Node {
            span,
            kind: NodeKind::Seq(
                subnets
                    .into_iter()
                    .map(|s| Node::new(span, NodeKind::Str(s)))
                    .collect(),
            ),
            via,
        }
    }

    fn length(&self, argument: &Node, span: Span) -> Node {
        let list = self.resolve(argument);
        match list.as_seq() {
            Some(items) => Node {
                span,
                kind: NodeKind::Number(items.len() as f64),
                via: list.via.clone(),
            },
            None => unknown_because(span, "`Fn::Length`", &list),
        }
    }
}

/// The entries of `map` a key selects: the one named by a known key, or all of them when the key
/// is unknown.
fn select_entries<'n>(map: &'n Node, key: &Node) -> Vec<&'n Entry> {
    let entries = map.as_map().unwrap_or_default();
    match scalar_text(key) {
        Some(name) => map.entry(&name).into_iter().collect(),
        None => entries.iter().collect(),
    }
}

/// An unknown result that keeps the reason of the unknown input it depends on.
pub(super) fn unknown_because(span: Span, function: &str, input: &Node) -> Node {
    let reason = match &input.kind {
        NodeKind::Unknown(reason) => reason.clone(),
        other => format!(
            "an argument of {function} is a {}",
            Node::new(span, other.clone()).type_name()
        ),
    };
    Node::unknown(span, reason)
}

/// Appends provenance steps that are not there yet.
pub(super) fn merge_via(into: &mut Vec<Via>, from: Vec<Via>) {
    for step in from {
        if !into.contains(&step) {
            into.push(step);
        }
    }
}

/// A scalar as CloudFormation compares and concatenates it: as text.
pub(super) fn scalar_text(node: &Node) -> Option<String> {
    match &node.kind {
        NodeKind::Str(s) => Some(s.clone()),
        NodeKind::Bool(b) => Some(b.to_string()),
        NodeKind::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
        NodeKind::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Structural equality of known values, comparing scalars as text (`true` equals `"true"`).
/// `None` when either side has an unknown part.
pub(super) fn equal(a: &Node, b: &Node) -> Option<bool> {
    match (&a.kind, &b.kind) {
        (NodeKind::Unknown(_), _) | (_, NodeKind::Unknown(_)) => None,
        (NodeKind::Seq(x), NodeKind::Seq(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            let mut all = Some(true);
            for (p, q) in x.iter().zip(y) {
                match equal(p, q) {
                    Some(false) => return Some(false),
                    None => all = None,
                    Some(true) => {}
                }
            }
            all
        }
        (NodeKind::Null, NodeKind::Null) => Some(true),
        _ => match (scalar_text(a), scalar_text(b)) {
            (Some(x), Some(y)) => Some(x == y),
            _ => Some(false),
        },
    }
}

fn same_value(a: &Node, b: &Node) -> bool {
    equal(a, b) == Some(true)
}

/// Recognises `!Name arg` and `{"Name": arg}` for `Ref`, `Condition` (short form only: a
/// one-key map `Condition` is an ordinary property outside condition functions) and `Fn::*`.
pub(super) fn as_intrinsic(node: &Node) -> Option<(&str, &Node)> {
    match &node.kind {
        NodeKind::Tagged(tag, argument) => {
            let short = tag.strip_prefix('!')?;
            let name = match short {
                "Ref" => "Ref",
                "Condition" => "Condition",
                other => long_name(other)?,
            };
            Some((name, argument))
        }
        NodeKind::Map(entries) if entries.len() == 1 => {
            let entry = &entries[0];
            (entry.key == "Ref" || entry.key.starts_with("Fn::"))
                .then_some((entry.key.as_str(), &entry.value))
        }
        _ => None,
    }
}

/// The `Fn::` name of a short-form tag.
fn long_name(short: &str) -> Option<&'static str> {
    Some(match short {
        "GetAtt" => "Fn::GetAtt",
        "Sub" => "Fn::Sub",
        "If" => "Fn::If",
        "Join" => "Fn::Join",
        "Select" => "Fn::Select",
        "Split" => "Fn::Split",
        "FindInMap" => "Fn::FindInMap",
        "ImportValue" => "Fn::ImportValue",
        "Base64" => "Fn::Base64",
        "Cidr" => "Fn::Cidr",
        "GetAZs" => "Fn::GetAZs",
        "Equals" => "Fn::Equals",
        "And" => "Fn::And",
        "Or" => "Fn::Or",
        "Not" => "Fn::Not",
        "Transform" => "Fn::Transform",
        "Length" => "Fn::Length",
        "ToJsonString" => "Fn::ToJsonString",
        _ => return None,
    })
}

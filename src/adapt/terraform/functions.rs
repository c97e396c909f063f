//! Terraform's built-in functions, over evaluated [`Node`]s.
//!
//! [`call`] dispatches by name. A function gives back `Ok` with a value (known, or unknown with
//! the reason) or `Err` with an evaluation error (a wrong type, a missing key), which is what
//! `try` and `can` catch. As in Terraform, a function given an unknown argument returns an
//! unknown value, except where the answer cannot depend on it (`coalesce` picking an earlier
//! argument, `length` of a list whose elements are unknown). Functions that are not
//! implemented, or whose value only exists at apply time (`timestamp`, `uuid`, hashes), are
//! unknown, so they never produce a finding.
//!
//! Values picked out of the arguments keep their history ([`Node::via`]): `coalesce(var.x,
//! true)` choosing `var.x` still points at the variable's default. Results are bounded
//! ([`MAX_ELEMENTS`], [`MAX_STRING`]): beyond that they are unknown, "too large".

mod collections;
pub mod convert;
mod encoding;
mod files;
mod network;
mod numeric;
mod regex;
mod strings;
mod types;

use crate::parse::{Entry, Node, NodeKind, Via};
use crate::source::Span;

use convert::{first_unknown, to_integer, to_number, to_text, unique_entries};
pub use files::FileAccess;

/// The most elements a collection built by a function may have.
pub const MAX_ELEMENTS: usize = 100_000;
/// The longest string a function may build, in bytes.
pub const MAX_STRING: usize = 1 << 20;
/// How many history steps a value carries at most.
const MAX_VIA: usize = 8;

/// The result of a function: a value, or an evaluation error.
pub type Outcome = Result<Node, String>;

/// One call: the function's arguments, where it is written, and what it may read.
pub struct Call<'a> {
    pub name: &'a str,
    pub args: &'a [Node],
    pub span: Span,
    pub files: &'a FileAccess,
}

/// Calls the built-in function `name`. `try`, `can` and `templatefile` need the evaluator and
/// are handled by it.
pub fn call(name: &str, args: &[Node], span: Span, files: &FileAccess) -> Outcome {
    let cx = Call {
        name,
        args,
        span,
        files,
    };
    // These decide on their arguments in order and may not need a later unknown one.
    match name {
        "coalesce" => return collections::coalesce(&cx),
        "coalescelist" => return collections::coalescelist(&cx),
        _ => {}
    }
    if let Some(unknown) = args.iter().find(|arg| arg.is_unknown()) {
        return Ok(Node {
            span,
            kind: unknown.kind.clone(),
            via: unknown.via.clone(),
        });
    }
    match name {
        // Collections.
        "alltrue" => collections::alltrue(&cx),
        "anytrue" => collections::anytrue(&cx),
        "chunklist" => collections::chunklist(&cx),
        "concat" => collections::concat(&cx),
        "contains" => collections::contains(&cx),
        "distinct" => collections::distinct(&cx),
        "element" => collections::element(&cx),
        "flatten" => collections::flatten(&cx),
        "index" => collections::index(&cx),
        "keys" => collections::keys(&cx),
        "length" => collections::length(&cx),
        "lookup" => collections::lookup(&cx),
        "matchkeys" => collections::matchkeys(&cx),
        "merge" => collections::merge(&cx),
        "one" => collections::one(&cx),
        "range" => collections::range(&cx),
        "reverse" => collections::reverse(&cx),
        "setintersection" => collections::setintersection(&cx),
        "setproduct" => collections::setproduct(&cx),
        "setsubtract" => collections::setsubtract(&cx),
        "setunion" => collections::setunion(&cx),
        "slice" => collections::slice(&cx),
        "sort" => collections::sort(&cx),
        "sum" => collections::sum(&cx),
        "transpose" => collections::transpose(&cx),
        "values" => collections::values(&cx),
        "zipmap" => collections::zipmap(&cx),
        "compact" => collections::compact(&cx),
        // Numbers.
        "abs" => numeric::abs(&cx),
        "ceil" => numeric::ceil(&cx),
        "floor" => numeric::floor(&cx),
        "max" => numeric::max(&cx),
        "min" => numeric::min(&cx),
        "parseint" => numeric::parseint(&cx),
        "pow" => numeric::pow(&cx),
        "signum" => numeric::signum(&cx),
        // Strings.
        "chomp" => strings::chomp(&cx),
        "endswith" => strings::endswith(&cx),
        "format" => strings::format(&cx),
        "formatlist" => strings::formatlist(&cx),
        "indent" => strings::indent(&cx),
        "join" => strings::join(&cx),
        "lower" => strings::lower(&cx),
        "regex" => regex::regex(&cx),
        "regexall" => regex::regexall(&cx),
        "replace" => strings::replace(&cx),
        "split" => strings::split(&cx),
        "startswith" => strings::startswith(&cx),
        "strcontains" => strings::strcontains(&cx),
        "strrev" => strings::strrev(&cx),
        "substr" => strings::substr(&cx),
        "title" => strings::title(&cx),
        "trim" => strings::trim(&cx),
        "trimprefix" => strings::trimprefix(&cx),
        "trimspace" => strings::trimspace(&cx),
        "trimsuffix" => strings::trimsuffix(&cx),
        "upper" => strings::upper(&cx),
        "basename" => strings::basename(&cx),
        "dirname" => strings::dirname(&cx),
        // Encodings.
        "base64decode" => encoding::base64decode(&cx),
        "base64encode" => encoding::base64encode(&cx),
        "jsondecode" => encoding::jsondecode(&cx),
        "jsonencode" => encoding::jsonencode(&cx),
        "urlencode" => encoding::urlencode(&cx),
        "yamldecode" => encoding::yamldecode(&cx),
        // Networks.
        "cidrhost" => network::cidrhost(&cx),
        "cidrnetmask" => network::cidrnetmask(&cx),
        "cidrsubnet" => network::cidrsubnet(&cx),
        "cidrsubnets" => network::cidrsubnets(&cx),
        // Files.
        "file" => files::file(&cx),
        "fileexists" => files::fileexists(&cx),
        "filebase64" => files::filebase64(&cx),
        // Types.
        "tobool" => types::tobool(&cx),
        "tolist" => types::tolist(&cx),
        "tomap" => types::tomap(&cx),
        "tonumber" => types::tonumber(&cx),
        "toset" => types::toset(&cx),
        "tostring" => types::tostring(&cx),
        "sensitive" | "nonsensitive" => types::same(&cx),
        _ => Ok(Node::unknown(
            span,
            format!("the function `{name}` is not evaluated"),
        )),
    }
}

/// What a call costs beyond the size of its result, in evaluation steps: compiling a regular
/// expression or reading a file is worth many small expressions.
pub fn fixed_cost(name: &str) -> u64 {
    match name {
        "regex" | "regexall" | "replace" | "file" | "fileexists" | "filebase64"
        | "templatefile" => 100,
        _ => 0,
    }
}

impl Call<'_> {
    /// Refuses a call with fewer than `min` or more than `max` arguments.
    pub fn arity(&self, min: usize, max: usize) -> Result<(), String> {
        let count = self.args.len();
        if count < min || count > max {
            let expected = match (min, max) {
                (min, max) if min == max => format!("{min}"),
                (min, usize::MAX) => format!("at least {min}"),
                (min, max) => format!("{min} to {max}"),
            };
            return Err(format!(
                "`{}` takes {expected} argument(s), not {count}",
                self.name
            ));
        }
        Ok(())
    }

    pub fn arg(&self, index: usize) -> &Node {
        &self.args[index]
    }

    pub fn text(&self, index: usize) -> Result<String, String> {
        to_text(&self.args[index]).map_err(|error| self.wrong(index, error))
    }

    pub fn number(&self, index: usize) -> Result<f64, String> {
        to_number(&self.args[index]).map_err(|error| self.wrong(index, error))
    }

    pub fn integer(&self, index: usize) -> Result<i64, String> {
        to_integer(&self.args[index]).map_err(|error| self.wrong(index, error))
    }

    /// A list, tuple or set argument's elements.
    pub fn seq(&self, index: usize) -> Result<&[Node], String> {
        self.args[index].as_seq().ok_or_else(|| {
            self.wrong(
                index,
                format!(
                    "a list is required, not {}",
                    convert::describe(&self.args[index])
                ),
            )
        })
    }

    /// A map or object argument's entries, sorted by key.
    pub fn map(&self, index: usize) -> Result<Vec<&Entry>, String> {
        match self.args[index].as_map() {
            Some(entries) => Ok(unique_entries(entries)),
            None => Err(self.wrong(
                index,
                format!(
                    "a map is required, not {}",
                    convert::describe(&self.args[index])
                ),
            )),
        }
    }

    fn wrong(&self, index: usize, error: String) -> String {
        format!("`{}` argument {}: {error}", self.name, index + 1)
    }

    /// An unknown result when some argument in `indexes` is partly unknown: the function needs
    /// every part of it.
    pub fn partly_unknown(&self, indexes: &[usize]) -> Option<Node> {
        indexes.iter().find_map(|&index| {
            let arg = self.args.get(index)?;
            let reason = first_unknown(arg)?;
            Some(Node {
                span: self.span,
                kind: NodeKind::Unknown(reason.to_string()),
                via: arg.via.clone(),
            })
        })
    }

    /// A new value computed from the arguments, remembering their history.
    pub fn computed(&self, kind: NodeKind) -> Node {
        Node {
            span: self.span,
            kind,
            via: via_of(self.args.iter()),
        }
    }

    /// A string result, unknown when it would be too large.
    pub fn string(&self, text: String) -> Node {
        if text.len() > MAX_STRING {
            return Node::unknown(self.span, too_large(self.name));
        }
        self.computed(NodeKind::Str(text))
    }

    /// A list result, unknown when it would be too large.
    pub fn list(&self, items: Vec<Node>) -> Node {
        if items.len() > MAX_ELEMENTS {
            return Node::unknown(self.span, too_large(self.name));
        }
        Node {
            span: self.span,
            kind: NodeKind::Seq(items),
            via: Vec::new(),
        }
    }

    /// One of the arguments (or a part of one) chosen as the result, moved to the call.
    pub fn pick(&self, chosen: &Node) -> Node {
        relocate(chosen.clone(), self.span)
    }
}

/// "`range` would give a value too large to evaluate".
pub fn too_large(name: &str) -> String {
    format!("`{name}` would give a value too large to evaluate")
}

/// A part of a collection taken out of it: the collection's history, then the part's own.
pub fn lift(part: &Node, whole: &Node) -> Node {
    let mut node = part.clone();
    node.via = merge_via(&whole.via, &part.via);
    node
}

/// A value used at `span` that was written elsewhere. The place it was written becomes the
/// last step of its history, so a finding on the use still shows where the value came from.
pub fn relocate(mut node: Node, span: Span) -> Node {
    let written = node.span;
    let inside =
        written.file == span.file && written.start >= span.start && written.end <= span.end;
    if !inside && !written.is_empty() && !node.via.iter().any(|via| via.span == written) {
        node.via = merge_via(
            &node.via,
            &[Via {
                span: written,
                note: "the value is set here".to_string(),
            }],
        );
    }
    node.span = span;
    node
}

/// The histories of several values, without repeats, bounded.
pub fn via_of<'n>(nodes: impl IntoIterator<Item = &'n Node>) -> Vec<Via> {
    let mut via: Vec<Via> = Vec::new();
    for node in nodes {
        via = merge_via(&via, &node.via);
    }
    via
}

/// `first` then `second`, without repeats, at most [`MAX_VIA`] steps: when longer, the
/// nearest steps and the farthest (where the value was written) are kept.
pub fn merge_via(first: &[Via], second: &[Via]) -> Vec<Via> {
    let mut via: Vec<Via> = Vec::with_capacity(first.len() + second.len());
    for step in first.iter().chain(second) {
        if !via.iter().any(|seen| seen.span == step.span) {
            via.push(step.clone());
        }
    }
    if via.len() > MAX_VIA {
        via.drain(MAX_VIA / 2..via.len() - MAX_VIA / 2);
    }
    via
}

#[cfg(test)]
pub(crate) mod testing {
    //! Building argument values and calling functions in unit tests.

    use super::*;
    use crate::source::FileId;

    pub fn span(start: usize) -> Span {
        Span::new(FileId(0), start, start + 1)
    }

    pub fn s(text: &str) -> Node {
        Node::new(span(1), NodeKind::Str(text.to_string()))
    }

    pub fn n(value: f64) -> Node {
        Node::new(span(2), NodeKind::Number(value))
    }

    pub fn b(value: bool) -> Node {
        Node::new(span(3), NodeKind::Bool(value))
    }

    pub fn null() -> Node {
        Node::new(span(4), NodeKind::Null)
    }

    pub fn unknown() -> Node {
        Node::unknown(span(5), "not known")
    }

    pub fn list(items: Vec<Node>) -> Node {
        Node::new(span(6), NodeKind::Seq(items))
    }

    pub fn map(entries: Vec<(&str, Node)>) -> Node {
        let entries = entries
            .into_iter()
            .map(|(key, value)| Entry {
                key: key.to_string(),
                key_span: span(7),
                value,
            })
            .collect();
        Node::new(span(8), NodeKind::Map(entries))
    }

    /// Calls `name`; the result as JSON-like text, `unknown` or `error: ...`.
    pub fn run(name: &str, args: Vec<Node>) -> String {
        match call(name, &args, span(100), &FileAccess::default()) {
            Ok(node) => show(&node),
            Err(error) => format!("error: {error}"),
        }
    }

    pub fn show(node: &Node) -> String {
        match &node.kind {
            NodeKind::Null => "null".to_string(),
            NodeKind::Bool(b) => b.to_string(),
            NodeKind::Number(n) => convert::number_text(*n),
            NodeKind::Str(s) => format!("{s:?}"),
            NodeKind::Seq(items) => {
                let items: Vec<String> = items.iter().map(show).collect();
                format!("[{}]", items.join(","))
            }
            NodeKind::Map(entries) => {
                let entries: Vec<String> = entries
                    .iter()
                    .map(|e| format!("{}={}", e.key, show(&e.value)))
                    .collect();
                format!("{{{}}}", entries.join(","))
            }
            NodeKind::Tagged(tag, inner) => format!("{tag} {}", show(inner)),
            NodeKind::Unknown(_) => "unknown".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn unknown_arguments_give_unknown_results() {
        assert_eq!(run("upper", vec![unknown()]), "unknown");
        assert_eq!(run("merge", vec![map(vec![]), unknown()]), "unknown");
        assert_eq!(
            run("lookup", vec![map(vec![("a", b(true))]), s("a"), unknown()]),
            "unknown"
        );
    }

    #[test]
    fn functions_not_evaluated_are_unknown_not_errors() {
        assert_eq!(run("timestamp", vec![]), "unknown");
        assert_eq!(run("sha256", vec![s("x")]), "unknown");
    }

    #[test]
    fn no_function_panics_on_odd_arguments() {
        // Every name dispatched above, read from this file.
        let source = include_str!("functions.rs");
        let names: Vec<&str> = source
            .lines()
            .filter(|line| line.trim_start().starts_with('"') && line.contains("=>"))
            .flat_map(|line| line.split('"').skip(1).step_by(2))
            .collect();
        assert!(names.len() >= 80, "{names:?}");
        let pool = || {
            vec![
                s("10.0.0.0/8"),
                n(-1.0),
                n(1e300),
                b(true),
                null(),
                unknown(),
                list(vec![s("a"), list(vec![n(2.0)]), null()]),
                map(vec![("k", list(vec![s("x")]))]),
                s("%5.1d%"),
            ]
        };
        for name in names {
            let _ = run(name, vec![]);
            for a in pool() {
                let _ = run(name, vec![a.clone()]);
                for b2 in pool() {
                    let _ = run(name, vec![a.clone(), b2.clone()]);
                    for c in pool() {
                        let _ = run(name, vec![a.clone(), b2.clone(), c]);
                    }
                }
            }
        }
    }

    #[test]
    fn relocated_values_remember_where_they_were_written() {
        let value = b(false);
        let moved = relocate(value.clone(), span(50));
        assert_eq!(moved.span, span(50));
        assert_eq!(moved.via.len(), 1);
        assert_eq!(moved.via[0].span, value.span);
        // Moving again does not repeat the step.
        let again = relocate(moved, span(60));
        assert_eq!(again.via.len(), 2);
    }

    #[test]
    fn history_is_bounded_and_without_repeats() {
        let step = |start| Via {
            span: span(start),
            note: String::new(),
        };
        let first: Vec<Via> = (0..6).map(step).collect();
        let second: Vec<Via> = (3..12).map(step).collect();
        let merged = merge_via(&first, &second);
        assert_eq!(merged.len(), MAX_VIA);
        assert_eq!(merged[3].span, span(3));
        assert_eq!(merged[4].span, span(8));
        assert_eq!(merged[7].span, span(11));
    }
}

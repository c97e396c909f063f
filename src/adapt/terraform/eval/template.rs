//! String templates: interpolations, `%{ if }` / `%{ else }` / `%{ endif }`,
//! `%{ for }` / `%{ endfor }`, the `~` strip markers, heredocs (the parser already removes the
//! indentation of `<<-`), and `templatefile`.
//!
//! A quoted template that is a single interpolation, `"${var.x}"`, is that value unchanged
//! (a list stays a list), as in Terraform. Interpolated numbers print as Terraform prints them.

use hcl_edit::template::{Directive, Element, ForDirective, IfDirective, StringTemplate, Template};

use super::super::functions::convert::{to_bool, to_text};
use super::super::functions::{relocate, too_large, via_of, MAX_STRING};
use super::for_expr::iteration_pairs;
use super::Evaluator;
use crate::parse::{Node, NodeKind, Via};
use crate::source::{FileId, Span};

/// A template being written out.
struct Output {
    text: String,
    via: Vec<Via>,
    /// Where the last literal starts: a strip marker only trims literal text.
    literal_start: usize,
    /// The next literal loses its leading whitespace (a `~}` came before it).
    strip_next: bool,
}

impl Output {
    fn literal(&mut self, literal: &str) {
        let literal = if self.strip_next {
            literal.trim_start()
        } else {
            literal
        };
        self.strip_next = false;
        self.literal_start = self.text.len();
        self.text.push_str(literal);
    }

    fn value(&mut self, text: &str, via: &[Via]) {
        self.strip_next = false;
        self.text.push_str(text);
        self.literal_start = self.text.len();
        self.via = super::super::functions::merge_via(&self.via, via);
    }

    /// A `{~` marker: the whitespace at the end of the literal before it goes.
    fn strip_before(&mut self, strip: bool) {
        if strip {
            let kept = self.text[self.literal_start..].trim_end().len();
            self.text.truncate(self.literal_start + kept);
        }
    }
}

impl Evaluator<'_> {
    pub(super) fn string_template(
        &self,
        template: &StringTemplate,
        span: Span,
        file: FileId,
    ) -> Node {
        if let Some(Element::Interpolation(interpolation)) = template.as_single_element() {
            return relocate(self.expr(&interpolation.expr, file), span);
        }
        self.template(template, span, file)
    }

    /// A template's text; unknown if any part it needs is unknown.
    pub(super) fn template(&self, template: &Template, span: Span, file: FileId) -> Node {
        let mut out = Output {
            text: String::new(),
            via: Vec::new(),
            literal_start: 0,
            strip_next: false,
        };
        match self.render(template, &mut out, span, file) {
            Ok(()) => Node {
                span,
                kind: NodeKind::Str(out.text),
                via: out.via,
            },
            Err(stopped) => stopped,
        }
    }

    /// Writes `template` to `out`; `Err` is the whole template's value (unknown or an error).
    fn render(
        &self,
        template: &Template,
        out: &mut Output,
        span: Span,
        file: FileId,
    ) -> Result<(), Node> {
        for element in template.iter() {
            match element {
                Element::Literal(literal) => out.literal(literal.value()),
                Element::Interpolation(interpolation) => {
                    out.strip_before(interpolation.strip.strip_start());
                    let value = self.expr(&interpolation.expr, file);
                    if let NodeKind::Unknown(reason) = &value.kind {
                        return Err(Node {
                            span,
                            kind: NodeKind::Unknown(reason.clone()),
                            via: value.via,
                        });
                    }
                    let text = to_text(&value).map_err(|error| {
                        self.error(span, format!("a template interpolation: {error}"))
                    })?;
                    out.value(&text, &value.via);
                    out.strip_next = interpolation.strip.strip_end();
                }
                Element::Directive(directive) => match directive.as_ref() {
                    Directive::If(directive) => self.render_if(directive, out, span, file)?,
                    Directive::For(directive) => self.render_for(directive, out, span, file)?,
                },
            }
            if out.text.len() > MAX_STRING {
                return Err(Node::unknown(span, too_large("template")));
            }
        }
        Ok(())
    }

    fn render_if(
        &self,
        directive: &IfDirective,
        out: &mut Output,
        span: Span,
        file: FileId,
    ) -> Result<(), Node> {
        let if_expr = &directive.if_expr;
        out.strip_before(if_expr.strip.strip_start());
        let condition = self.expr(&if_expr.cond_expr, file);
        if let NodeKind::Unknown(reason) = &condition.kind {
            return Err(Node::unknown(span, reason.clone()));
        }
        let chosen = to_bool(&condition)
            .map_err(|error| self.error(span, format!("a template condition: {error}")))?;
        out.via = super::super::functions::merge_via(&out.via, &condition.via);
        let endif = &directive.endif_expr;
        match (&directive.else_expr, chosen) {
            (else_expr, true) => {
                out.strip_next = if_expr.strip.strip_end();
                self.render(&if_expr.template, out, span, file)?;
                let closing = else_expr.as_ref().map_or(endif.strip, |e| e.strip);
                out.strip_before(closing.strip_start());
            }
            (Some(else_expr), false) => {
                out.strip_next = else_expr.strip.strip_end();
                self.render(&else_expr.template, out, span, file)?;
                out.strip_before(endif.strip.strip_start());
            }
            (None, false) => {}
        }
        out.strip_next = endif.strip.strip_end();
        Ok(())
    }

    fn render_for(
        &self,
        directive: &ForDirective,
        out: &mut Output,
        span: Span,
        file: FileId,
    ) -> Result<(), Node> {
        let for_expr = &directive.for_expr;
        out.strip_before(for_expr.strip.strip_start());
        let collection = self.expr(&for_expr.collection_expr, file);
        if let NodeKind::Unknown(reason) = &collection.kind {
            return Err(Node::unknown(span, reason.clone()));
        }
        let pairs = iteration_pairs(&collection).map_err(|error| self.error(span, error))?;
        out.via = super::super::functions::merge_via(&out.via, &collection.via);
        for (key, value) in pairs {
            if !self.spend(1) {
                return Err(self.exhausted(span));
            }
            let mut names = vec![(for_expr.value_var.as_str().to_string(), value)];
            if let Some(key_var) = &for_expr.key_var {
                names.push((key_var.as_str().to_string(), key));
            }
            out.strip_next = for_expr.strip.strip_end();
            self.with_bindings(names, || self.render(&for_expr.template, out, span, file))?;
            out.strip_before(directive.endfor_expr.strip.strip_start());
        }
        out.strip_next = directive.endfor_expr.strip.strip_end();
        Ok(())
    }

    /// `templatefile(path, vars)`: the file read like `file`, rendered with only `vars` in
    /// scope. Its value is a string at the call, with the history of `vars`.
    pub(super) fn templatefile(&self, args: &[Node], span: Span) -> Node {
        if self.sealed.get() {
            return self.error(span, "`templatefile` cannot be called from a template file");
        }
        let [path, vars] = args else {
            return self.error(span, "`templatefile` takes 2 arguments");
        };
        for arg in args {
            if let NodeKind::Unknown(reason) = &arg.kind {
                return Node::unknown(span, reason.clone());
            }
        }
        let path = match to_text(path) {
            Ok(path) => path,
            Err(error) => return self.error(span, format!("`templatefile` path: {error}")),
        };
        let Some(entries) = vars.as_map() else {
            return self.error(span, "`templatefile` variables must be a map");
        };
        let text = match self.scope.files.read_text(&path) {
            Ok(Ok(text)) => text,
            Ok(Err(reason)) => return Node::unknown(span, reason),
            Err(error) => return self.error(span, error),
        };
        let template = match hcl_edit::parser::parse_template(&text) {
            Ok(template) => template,
            Err(error) => {
                let first_line = error.message().lines().next().unwrap_or("").to_string();
                return self.error(span, format!("the template {path:?}: {first_line}"));
            }
        };
        let names: Vec<(String, Node)> = entries
            .iter()
            .map(|entry| (entry.key.clone(), entry.value.clone()))
            .collect();
        // The template sees only its variables, and spans inside it would point into another
        // file: the result is placed at the call.
        let outer = self.bindings.replace(names);
        self.sealed.set(true);
        let rendered = self.template(&template, span, span.file);
        self.sealed.set(false);
        self.bindings.replace(outer);
        match rendered.kind {
            NodeKind::Str(text) => Node {
                span,
                kind: NodeKind::Str(text),
                via: via_of(args),
            },
            kind => Node {
                span,
                kind,
                via: Vec::new(),
            },
        }
    }
}

//! Terraform modules to model resources.
//!
//! A directory of `.tf` files is one module: variables and locals declared in any of its files
//! are visible in all of them, so the module, not the file, is the unit that is parsed and
//! evaluated. Each `resource` block becomes a [`Resource`] addressed `type.name`, its body
//! evaluated by [`eval::Evaluator`]. `.tf.json` files are read into the same `hcl-edit` tree by
//! `json_config`; [`typed`] gives every evaluated body its typed view (`kubernetes_*`
//! resources through the Kubernetes adapter); [`plan`] reads plan JSON and joins it with the
//! configuration.

mod ebs;
mod eks;
mod eval;
mod functions;
mod json_config;
mod kubernetes;
pub mod plan;
pub mod typed;

use hcl_edit::structure::{Block, Body};

use crate::model::{Format, Resource};
use crate::notice::{Notice, NoticeLevel};
use crate::parse::{self, NodeKind};
use crate::source::{FileId, SourceFile, Span};

pub use eval::{set_evaluation_budget, DEFAULT_EVALUATION_BUDGET};
use eval::{span_of, Evaluator, Scope};

/// Parses and evaluates the `.tf` files of one module directory.
pub fn adapt_module(files: &[(FileId, &SourceFile)], notices: &mut Vec<Notice>) -> Vec<Resource> {
    let mut bodies: Vec<(FileId, Body)> = Vec::new();
    for (id, source) in files {
        let parsed = if json_config::is_json(&source.display) {
            json_config::parse(&source.text, *id)
        } else {
            parse::hcl::parse(&source.text)
        };
        match parsed {
            Ok(body) => bodies.push((*id, body)),
            Err(error) => notices.push(Notice::at(
                NoticeLevel::Error,
                error.span(*id, &source.text),
                &source.display,
                format!("cannot parse Terraform: {}", error.message),
            )),
        }
    }

    let mut scope = Scope {
        files: functions::FileAccess::for_module(files),
        ..Scope::default()
    };
    for (file, body) in &bodies {
        for block in body.blocks() {
            match (block.ident.as_str(), block.labels.as_slice()) {
                ("variable", [name]) => {
                    let default = block
                        .body
                        .get_attribute("default")
                        .map(|attribute| (&attribute.value, *file));
                    scope.variables.insert(name.as_str().to_string(), default);
                }
                ("locals", []) => {
                    for attribute in block.body.attributes() {
                        scope.locals.insert(
                            attribute.key.as_str().to_string(),
                            (&attribute.value, *file),
                        );
                    }
                }
                _ => {}
            }
        }
    }

    let evaluator = Evaluator::new(&scope);
    let mut resources = Vec::new();
    for (file, body) in &bodies {
        for block in body.blocks() {
            if let ("resource", [type_label, name_label]) =
                (block.ident.as_str(), block.labels.as_slice())
            {
                if let Some(resource) = resource(
                    &evaluator,
                    block,
                    type_label.as_str(),
                    name_label.as_str(),
                    *file,
                ) {
                    resources.push(resource);
                }
            }
        }
    }
    resources
}

fn resource(
    evaluator: &Evaluator,
    block: &Block,
    type_name: &str,
    name: &str,
    file: FileId,
) -> Option<Resource> {
    let header = header_span(block, file);
    let body = evaluator.body(&block.body, span_of(block, file), file);
    if creates_no_instance(&body) {
        return None;
    }
    let (body, kind, object) = typed::adapt(type_name, body, header);
    Some(Resource {
        format: Format::Terraform,
        type_name: type_name.to_string(),
        address: format!("{type_name}.{name}"),
        header,
        body,
        metadata: None,
        object,
        kind,
    })
}

/// `count = 0` or an empty `for_each`: the resource is switched off and deploys nothing.
fn creates_no_instance(body: &parse::Node) -> bool {
    let count_is_zero = body.get("count").and_then(parse::Node::as_f64) == Some(0.0);
    let for_each_is_empty = body.get("for_each").is_some_and(|node| match &node.kind {
        NodeKind::Seq(items) => items.is_empty(),
        NodeKind::Map(entries) => entries.is_empty(),
        _ => false,
    });
    count_is_zero || for_each_is_empty
}

/// `resource "type" "name"`: from the block keyword to its last label.
fn header_span(block: &Block, file: FileId) -> Span {
    let start = span_of(&block.ident, file);
    block
        .labels
        .last()
        .map_or(start, |label| start.to(span_of(label, file)))
}

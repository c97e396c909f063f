//! Terraform `provider` blocks as resources of type `provider.NAME` (address `provider.aws`, or
//! `provider.aws.ALIAS`), for organisation policies: the AWS region a configuration deploys to,
//! and the `default_tags` the AWS provider adds to every resource it creates.

use hcl_edit::structure::Body;

use crate::adapt::read::{field, str_field, str_value};
use crate::model::provider::Provider;
use crate::model::{Format, Kind, Resource};
use crate::parse::NodeKind;
use crate::source::FileId;

use super::eval::{span_of, Evaluator};
use super::{header_span, typed};

/// Every `provider` block of one module, evaluated in the module's scope.
pub(super) fn providers(evaluator: &Evaluator, bodies: &[(FileId, Body)]) -> Vec<Resource> {
    let module_files: Vec<FileId> = bodies.iter().map(|(file, _)| *file).collect();
    let mut resources = Vec::new();
    for (file, body) in bodies {
        for block in body.blocks() {
            let ("provider", [label]) = (block.ident.as_str(), block.labels.as_slice()) else {
                continue;
            };
            let name = label.as_str().to_string();
            let header = header_span(block, *file);
            let body = typed::normalize(evaluator.body(&block.body, span_of(block, *file), *file));
            let address = match str_value(Some(&body), "alias") {
                Some(alias) => format!("provider.{name}.{alias}"),
                None => format!("provider.{name}"),
            };
            let default_tag_keys = match field(field(Some(&body), "default_tags"), "tags") {
                None => Ok(Vec::new()),
                Some(tags) => match &tags.kind {
                    NodeKind::Map(entries) => Ok(entries.iter().map(|e| e.key.clone()).collect()),
                    NodeKind::Unknown(reason) => Err(reason.clone()),
                    _ => Err(format!("`default_tags.tags` is a {}", tags.type_name())),
                },
            };
            let provider = Provider {
                region: str_field(Some(&body), "region"),
                default_tag_keys,
                module_files: module_files.clone(),
                name: name.clone(),
            };
            resources.push(Resource {
                format: Format::Terraform,
                type_name: format!("provider.{name}"),
                address,
                header,
                body,
                metadata: None,
                object: None,
                enclosing: Vec::new(),
                kind: Kind::Provider(provider),
            });
        }
    }
    resources
}

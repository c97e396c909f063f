//! Terraform configurations to model resources.
//!
//! A directory of `.tf` files is one module: variables and locals declared in any of its files
//! are visible in all of them. [`modules`] decides which modules are roots and evaluates each
//! root with everything it calls; [`inputs`] gives variables their values; [`instances`]
//! expands `count` and `for_each`; [`dynamic`] expands `dynamic` blocks; [`references`] says
//! what `module.x`, `each`, `count` and resource references mean. Each resource instance
//! becomes a [`Resource`] with its Terraform address (`module.eks.aws_eks_cluster.this[0]`),
//! its body evaluated by [`eval::Evaluator`] (expressions, and the Terraform functions in
//! [`functions`]). `.tf.json` files are read into the same `hcl-edit` tree by `json_config`;
//! [`typed`] gives every evaluated body its typed view (`kubernetes_*` resources through the
//! Kubernetes adapter); [`plan`] reads plan JSON and joins it with the configuration.

mod acr;
mod aks;
mod cloudtrail;
mod dynamic;
mod ebs;
mod ecr;
mod eks;
mod elb;
mod eval;
mod files;
mod functions;
mod guardduty;
mod iam;
mod inputs;
mod instances;
mod json_config;
mod key_vault;
mod kms;
mod kubernetes;
mod launch_template;
mod link;
mod modules;
pub mod plan;
mod providers;
mod rds;
mod references;
mod s3;
mod security_group;
mod security_hub;
pub mod typed;
mod waf;

use std::collections::{BTreeMap, HashMap, HashSet};

use hcl_edit::structure::Block;
use rayon::prelude::*;

use crate::adapt::Inputs;
use crate::model::{Format, Resource};
use crate::notice::Notice;
use crate::source::{FileId, Sources, Span};

pub use eval::{set_evaluation_budget, DEFAULT_EVALUATION_BUDGET};
use eval::{span_of, Evaluator};
pub use files::{companion_files, is_terraform_file, var_file_display, Companions};
use modules::{Project, MANIFEST};

/// What adapting the Terraform files of a scan gives.
pub struct Adapted {
    pub resources: Vec<Resource>,
    pub notices: Vec<Notice>,
    /// `.tf` files parsed.
    pub files_scanned: usize,
}

/// Parses every Terraform module among `ids` (`.tf` files, variable files, module manifests)
/// and evaluates each root module with the modules it calls. Modules in `called_only`
/// directories (loaded from outside the scanned paths because they are called) are never roots.
pub fn adapt(
    sources: &Sources,
    ids: &[FileId],
    inputs: &Inputs,
    called_only: &HashSet<String>,
) -> Adapted {
    let var_file_names: Vec<String> = inputs
        .terraform_var_files
        .iter()
        .map(|path| var_file_display(path))
        .collect();
    let mut dirs: BTreeMap<String, Vec<FileId>> = BTreeMap::new();
    let mut manifests = Vec::new();
    let mut tfvars: HashMap<String, Vec<(u8, String, FileId)>> = HashMap::new();
    let mut var_files: Vec<(usize, FileId)> = Vec::new();
    for &id in ids {
        let display = &sources.get(id).display;
        let (dir, name) = display.rsplit_once('/').unwrap_or(("", display));
        for (position, _) in var_file_names
            .iter()
            .enumerate()
            .filter(|(_, var_file)| *var_file == display)
        {
            var_files.push((position, id));
        }
        if display.ends_with(MANIFEST) {
            manifests.push(id);
        } else if let Some((rank, name)) = files::automatic_tfvars_rank(name) {
            let entry = (rank, name.to_string(), id);
            tfvars.entry(dir.to_string()).or_default().push(entry);
        } else if files::is_configuration(name) {
            dirs.entry(dir.to_string()).or_default().push(id);
        }
    }
    var_files.sort_unstable();
    let tfvars = tfvars
        .into_iter()
        .map(|(dir, mut files)| {
            files.sort();
            (dir, files.into_iter().map(|(_, _, id)| id).collect())
        })
        .collect();
    let vars = inputs.terraform_vars.clone();
    let var_files = var_files.into_iter().map(|(_, id)| id).collect();

    let mut notices = Vec::new();
    let files = modules::Files {
        dirs: dirs.into_iter().collect(),
        called_only,
        manifests,
        tfvars,
        var_files,
        vars,
    };
    let project = Project::new(sources, files, &mut notices);
    let files_scanned = project.modules.iter().map(|m| m.files.len()).sum();
    let outputs: Vec<modules::Output> = project
        .roots()
        .par_iter()
        .map(|&root| project.evaluate_root(root))
        .collect();
    let mut resources = Vec::new();
    for output in outputs {
        resources.extend(output.resources);
        notices.extend(output.notices);
    }
    // A module evaluated for several callers says the same thing once.
    notices.sort_by(|a, b| (&a.path, a.span, &a.message).cmp(&(&b.path, b.span, &b.message)));
    notices.dedup_by(|a, b| a.path == b.path && a.span == b.span && a.message == b.message);
    Adapted {
        resources,
        notices,
        files_scanned,
    }
}

/// Every instance of a `resource` block, addressed under `prefix` (`module.x.`), and where
/// instances beyond [`instances::MAX_INSTANCES`] were left out.
fn resources(
    evaluator: &Evaluator,
    block: &Block,
    type_name: &str,
    name: &str,
    file: FileId,
    prefix: &str,
) -> (Vec<Resource>, Option<(Span, usize)>) {
    let expanded = instances::expand(evaluator, &block.body, file);
    let resources = expanded
        .list
        .iter()
        .map(|instance| {
            let address = format!("{prefix}{type_name}.{name}{}", instance.suffix);
            instances::within(evaluator, instance, || {
                resource(evaluator, block, type_name, address, file)
            })
        })
        .collect();
    (resources, expanded.truncated)
}

fn resource(
    evaluator: &Evaluator,
    block: &Block,
    type_name: &str,
    address: String,
    file: FileId,
) -> Resource {
    let header = header_span(block, file);
    let body = evaluator.body(&block.body, span_of(block, file), file);
    let (body, kind, object) = typed::adapt(type_name, body, header);
    Resource {
        format: Format::Terraform,
        type_name: type_name.to_string(),
        address,
        header,
        body,
        metadata: None,
        object,
        enclosing: Vec::new(),
        kind,
    }
}

/// `resource "type" "name"`: from the block keyword to its last label.
fn header_span(block: &Block, file: FileId) -> Span {
    let start = span_of(&block.ident, file);
    block
        .labels
        .last()
        .map_or(start, |label| start.to(span_of(label, file)))
}

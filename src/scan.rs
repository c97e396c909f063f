//! One scan, end to end: discover → load → parse and adapt → check.
//!
//! Parsing and adapting run in parallel over units of work: one YAML or JSON file, or one
//! Terraform module directory (its files share variables and locals). Results are merged in
//! file order, so the same input always gives the same report.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::adapt;
use crate::check::check;
use crate::discover::{discover, Syntax};
use crate::finding::Finding;
use crate::load::load_all;
use crate::model::Resource;
use crate::notice::{Notice, NoticeLevel};
use crate::parse::{self, Node};
use crate::policy::exclude::Exclude;
use crate::policy::org::OrgPolicy;
use crate::rules::{Rule, RuleMeta, Severity};
use crate::source::{FileId, SourceFile, Sources};
use crate::suppress::{Date, InlineMode, Suppressor};

pub struct Options {
    pub rules: Vec<&'static dyn Rule>,
    pub max_file_size: u64,
    /// Variable and parameter values from the command line.
    pub inputs: adapt::Inputs,
    pub policy: OrgPolicy,
    pub inline_suppressions: InlineMode,
    /// Severity overrides by rule ID, name or prefix; the first that matches wins.
    pub severity_overrides: Vec<(String, Severity)>,
    /// Paths the configuration excludes.
    pub exclude: Option<Exclude>,
}

impl Default for Options {
    /// Every rule, the default size limit, no inputs, no organisation policy.
    fn default() -> Options {
        Options {
            rules: crate::rules::ALL.to_vec(),
            max_file_size: crate::load::DEFAULT_MAX_FILE_SIZE,
            inputs: adapt::Inputs::default(),
            policy: OrgPolicy::default(),
            inline_suppressions: InlineMode::default(),
            severity_overrides: Vec::new(),
            exclude: None,
        }
    }
}

/// Everything a report needs.
pub struct Scan {
    pub sources: Sources,
    pub findings: Vec<Finding>,
    pub notices: Vec<Notice>,
    /// Files recognised as CloudFormation, Terraform or Kubernetes and analysed.
    pub files_scanned: usize,
    pub resources: usize,
    /// Every resource, as the rules saw it; findings index into it.
    pub model: Vec<Resource>,
    /// The rules that ran, sorted by ID.
    pub rules: Vec<&'static RuleMeta>,
}

impl Scan {
    /// Whether some file could not be analysed, so the scan is incomplete (exit code 2).
    pub fn incomplete(&self) -> bool {
        self.notices.iter().any(|n| n.level == NoticeLevel::Error)
    }

    /// Findings no directive has accepted: the ones that count.
    pub fn unsuppressed(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.suppression.is_none())
    }

    pub fn suppressed_count(&self) -> usize {
        self.findings.len() - self.unsuppressed().count()
    }
}

/// Scans files and directories; `-` reads one stream from standard input.
pub fn scan_paths(paths: &[PathBuf], options: &Options) -> Scan {
    let (stdin, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|path| path.as_os_str() == "-");
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let (mut candidates, mut notices) = discover(&paths);
    if let Some(exclude) = &options.exclude {
        candidates.retain(|candidate| !exclude.excludes(&candidate.path));
    }
    let mut files = Vec::new();
    for loaded in load_all(&candidates, options.max_file_size) {
        match loaded {
            Ok(file) => files.push(file),
            Err(notice) => notices.push(notice),
        }
    }
    if !stdin.is_empty() {
        match read_stdin(options.max_file_size) {
            Ok(text) => files.push(SourceFile::new(None, STDIN_NAME.to_string(), text)),
            Err(message) => {
                notices.push(Notice::file(NoticeLevel::Error, None, STDIN_NAME, message))
            }
        }
        files.sort_by(|a, b| a.display.cmp(&b.display));
    }
    scan_sources(files, notices, options)
}

/// How standard input is named in reports.
pub const STDIN_NAME: &str = "<stdin>";

fn read_stdin(max_size: u64) -> Result<String, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(max_size + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| format!("cannot read standard input: {error}"))?;
    if bytes.len() as u64 > max_size {
        return Err(format!(
            "standard input is over the {max_size}-byte limit (--max-file-size); not scanned"
        ));
    }
    crate::load::decode(bytes)
}

/// Scans files already in memory (standard input, tests). `files` must be sorted by display
/// path for the report order to be stable.
pub fn scan_sources(files: Vec<SourceFile>, mut notices: Vec<Notice>, options: &Options) -> Scan {
    let sources = Sources::new(files);
    let shared = Shared {
        cfn_params: adapt::cloudformation::Params::load(
            &options.inputs.cloudformation_params,
            &mut notices,
        ),
        layout: adapt::kubernetes::layout(&sources, &mut notices),
    };
    let units = units(&sources, &shared.layout);
    let outcomes: Vec<Outcome> = units
        .par_iter()
        .map(|unit| analyse(unit, &sources, &shared))
        .collect();

    // Sized once: growing it by doubling would hold two copies at the moment of each move.
    let mut resources = Vec::with_capacity(outcomes.iter().map(|o| o.resources.len()).sum());
    let mut plans = Vec::new();
    let mut files_scanned = shared.layout.kustomizations.len();
    for outcome in outcomes {
        resources.extend(outcome.resources);
        plans.extend(outcome.plans);
        notices.extend(outcome.notices);
        files_scanned += outcome.files_scanned;
    }
    // Plan instances replace the HCL instances they were planned from (after taking their
    // spans), so they are joined once every unit is adapted.
    let resources = adapt::terraform::plan::join(resources, plans, &sources);
    let suppressor = Suppressor::new(&sources, options.inline_suppressions, Date::today());
    let (mut findings, suppression_notices) =
        check(&resources, &options.rules, &options.policy, &suppressor);
    notices.extend(suppression_notices);
    for finding in &mut findings {
        if let Some((_, severity)) = options
            .severity_overrides
            .iter()
            .find(|(key, _)| crate::rules::matches(finding.rule, key))
        {
            finding.severity = *severity;
        }
    }
    adapt::kubernetes::helm::link_templates(&mut findings, &sources);
    crate::report::fingerprint::assign(&mut findings, &sources);
    notices.sort_by(|a, b| {
        (&a.path, a.span.map(|s| s.start), a.level, &a.message).cmp(&(
            &b.path,
            b.span.map(|s| s.start),
            b.level,
            &b.message,
        ))
    });
    notices.dedup_by(|a, b| a.span == b.span && a.message == b.message);
    let mut rules: Vec<&'static RuleMeta> = options.rules.iter().map(|rule| rule.meta()).collect();
    rules.sort_by_key(|meta| meta.id);
    Scan {
        sources,
        findings,
        notices,
        files_scanned,
        // A CloudFormation resource read under several condition values is one resource.
        resources: resources
            .iter()
            .map(|r| (r.header, &r.address))
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        model: resources,
        rules,
    }
}

enum Unit {
    /// The `.tf` and `.tf.json` files of one directory.
    TerraformModule(Vec<FileId>),
    Document(FileId, Syntax),
}

fn units(sources: &Sources, layout: &adapt::kubernetes::Layout) -> Vec<Unit> {
    let mut modules: BTreeMap<String, Vec<FileId>> = BTreeMap::new();
    let mut units = Vec::new();
    for id in sources.ids() {
        if layout.skipped.contains(&id) || layout.kustomizations.contains(&id) {
            continue;
        }
        let file = sources.get(id);
        match Syntax::of(&file.display, &file.text) {
            Syntax::Terraform => {
                let directory = file.display.rsplit_once('/').map_or("", |(dir, _)| dir);
                modules.entry(directory.to_string()).or_default().push(id);
            }
            // Variable values, not resources: the module's inputs, not a unit of their own.
            Syntax::Tfvars => {}
            syntax => units.push(Unit::Document(id, syntax)),
        }
    }
    units.extend(modules.into_values().map(Unit::TerraformModule));
    units
}

#[derive(Default)]
struct Outcome {
    resources: Vec<Resource>,
    /// Terraform plan files, joined with the configuration after all units are adapted.
    plans: Vec<adapt::terraform::plan::Plan>,
    notices: Vec<Notice>,
    files_scanned: usize,
}

/// What every unit of analysis reads besides its own files: prepared once per scan.
struct Shared {
    cfn_params: adapt::cloudformation::Params,
    layout: adapt::kubernetes::Layout,
}

fn analyse(unit: &Unit, sources: &Sources, shared: &Shared) -> Outcome {
    let mut outcome = Outcome::default();
    match unit {
        Unit::TerraformModule(ids) => {
            let files: Vec<(FileId, &SourceFile)> =
                ids.iter().map(|id| (*id, sources.get(*id))).collect();
            outcome.resources = adapt::terraform::adapt_module(&files, &mut outcome.notices);
            outcome.files_scanned = ids.len().saturating_sub(outcome.notices.len());
        }
        Unit::Document(id, syntax) => {
            let source = sources.get(*id);
            let mut documents = match parse_documents(*id, source, *syntax) {
                Ok(documents) => documents,
                Err(notice) => {
                    outcome.notices.extend(notice);
                    return outcome;
                }
            };
            if let Some(plan) = documents
                .iter()
                .find(|d| adapt::terraform::plan::is_plan(d))
            {
                outcome.plans.push(adapt::terraform::plan::adapt(plan, *id));
                outcome.files_scanned = 1;
                return outcome;
            }
            if let Some(namespace) = shared.layout.namespaces.get(id) {
                for document in &mut documents {
                    adapt::kubernetes::kustomize::set_namespace(document, namespace);
                }
            }
            let templates: Vec<&Node> = documents
                .iter()
                .filter(|d| adapt::cloudformation::is_template(d))
                .collect();
            if !templates.is_empty() {
                for template in templates {
                    outcome
                        .resources
                        .extend(adapt::cloudformation::adapt(template, &shared.cfn_params));
                }
                outcome.files_scanned = 1;
            } else if documents.iter().any(adapt::kubernetes::is_object) {
                // A big manifest stream is one file but many documents: adapt them in
                // parallel, and free each parsed document as soon as it is adapted, so the
                // stream is not held twice (as syntax trees and as resources).
                outcome.resources = std::mem::take(&mut documents)
                    .into_par_iter()
                    .flat_map_iter(|document| adapt::kubernetes::adapt(&document, source))
                    .collect();
                outcome.files_scanned = 1;
            }
        }
    }
    outcome
}

/// Parses a YAML or JSON file. A file that fails to parse is an error when it is, or looks
/// like, IaC; otherwise it is skipped quietly (an editor's JSON-with-comments settings, a Helm
/// template): those were never ours to judge.
fn parse_documents(
    id: FileId,
    source: &SourceFile,
    syntax: Syntax,
) -> Result<Vec<Node>, Option<Notice>> {
    let text = &source.text;
    let parsed = match syntax {
        Syntax::Json => parse::json::parse(text, id).map(|root| vec![root]),
        _ => parse::yaml::parse_stream(text, id),
    };
    parsed.map_err(|error| {
        let is_iac = match syntax {
            Syntax::Json => match parse::json::parse_lenient(text, id) {
                Some(root) => {
                    adapt::cloudformation::is_template(&root)
                        || adapt::kubernetes::is_object(&root)
                        || adapt::terraform::plan::is_plan(&root)
                }
                None => looks_like_iac(text),
            },
            _ => !text.contains("{{") && looks_like_iac(text),
        };
        if !is_iac {
            return None;
        }
        let language = if syntax == Syntax::Json {
            "JSON"
        } else {
            "YAML"
        };
        Some(Notice::at(
            NoticeLevel::Error,
            error.span(id, text),
            &source.display,
            format!("cannot parse {language}: {}", error.message),
        ))
    })
}

/// Markers of CloudFormation, Kubernetes or a Terraform plan in text that did not parse.
fn looks_like_iac(text: &str) -> bool {
    text.contains("AWSTemplateFormatVersion")
        || (text.contains("\"format_version\"") && text.contains("\"terraform_version\""))
        || text.contains("AWS::")
        || (text.contains("apiVersion") && text.contains("kind"))
}

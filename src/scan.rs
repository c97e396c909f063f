//! One scan, end to end: discover → load → parse and adapt → check.
//!
//! Parsing and adapting run in parallel over units of work: one YAML or JSON file, or all the
//! Terraform files together (modules call each other and share variable files; the Terraform
//! adapter parallelises over modules and roots itself). Results are merged in file order, so
//! the same input always gives the same report.

use std::collections::HashSet;
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
use crate::policy::guard;
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
    /// Guard rules files (`--ruleset FILE.guard`, `guard:<pack>`), run after the rules.
    pub guard: Vec<guard::GuardFile>,
    /// Which evaluator runs them (`--guard-engine`).
    pub guard_engine: guard::Engine,
    /// `--select` and `--ignore` as given, for Guard rules (built-in ones are chosen in `rules`).
    pub guard_select: Vec<String>,
    pub guard_ignore: Vec<String>,
}

impl Options {
    fn guard_rule_selected(&self, meta: &RuleMeta) -> bool {
        let matches = |selector: &String| crate::rules::matches(meta, selector);
        (self.guard_select.is_empty() || self.guard_select.iter().any(matches))
            && !self.guard_ignore.iter().any(matches)
    }
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
            guard: Vec::new(),
            guard_engine: guard::Engine::default(),
            guard_select: Vec::new(),
            guard_ignore: Vec::new(),
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
pub fn scan_sources(
    mut files: Vec<SourceFile>,
    mut notices: Vec<Notice>,
    options: &Options,
) -> Scan {
    // Variable files, `--var-file`s and modules fetched under `.terraform/` are read for the
    // Terraform files found; they are sources like any other, so values point at their lines.
    let companions =
        adapt::terraform::companion_files(&files, &options.inputs, options.max_file_size);
    if !companions.files.is_empty() {
        files.extend(companions.files);
        files.sort_by(|a, b| a.display.cmp(&b.display));
    }
    notices.extend(companions.notices);
    let called_only = companions.called_only;
    // Guard files are checked once; a broken one joins the sources so its error gets a frame.
    let guard = guard::prepare(&options.guard, options.guard_engine);
    let broken_guard = guard.broken_sources();
    if !broken_guard.is_empty() {
        files.extend(broken_guard);
        files.sort_by(|a, b| a.display.cmp(&b.display));
    }
    let sources = Sources::new(files);
    let guard_files = guard.syntax_notices(&sources, &mut notices);
    guard.fallback_notices(&mut notices);
    let mut layout = adapt::kubernetes::layout(&sources, &mut notices);
    layout.skipped.extend(guard_files);
    let shared = Shared {
        cfn_params: adapt::cloudformation::Params::load(
            &options.inputs.cloudformation_params,
            &mut notices,
        ),
        layout,
        called_only,
    };
    let units = units(&sources, &shared.layout, &options.inputs);
    let outcomes: Vec<Outcome> = units
        .par_iter()
        .map(|unit| analyse(unit, &sources, options, &shared))
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
    let guard_rules = run_guard(
        &guard,
        &resources,
        &sources,
        options,
        &suppressor,
        &mut findings,
        &mut notices,
    );
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
    rules.extend(guard_rules);
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

/// Runs the Guard rules and merges their findings, suppressed like any rule's, into `findings`
/// (kept in report order). Returns the Guard rules that found something, for the report's rule
/// list.
fn run_guard(
    prepared: &guard::Prepared,
    resources: &[Resource],
    sources: &Sources,
    options: &Options,
    suppressor: &Suppressor,
    findings: &mut Vec<Finding>,
    notices: &mut Vec<Notice>,
) -> Vec<&'static RuleMeta> {
    let mut found = guard::run(prepared, resources, sources, &options.policy, notices);
    found.retain(|finding| options.guard_rule_selected(finding.rule));
    found.sort_by_key(|finding| finding.resource);
    for group in found.chunk_by_mut(|a, b| a.resource == b.resource) {
        suppressor.apply(&resources[group[0].resource], group, notices);
    }
    let mut rules: Vec<&'static RuleMeta> = Vec::new();
    for finding in &found {
        if !rules.iter().any(|meta| std::ptr::eq(*meta, finding.rule)) {
            rules.push(finding.rule);
        }
    }
    if !found.is_empty() {
        findings.extend(found);
        findings.sort_by(|a, b| {
            (a.span, a.rule.id, &a.address, &a.message)
                .cmp(&(b.span, b.rule.id, &b.address, &b.message))
        });
    }
    rules
}

enum Unit {
    /// Every Terraform file: `.tf` and `.tf.json` files, variable files, module manifests.
    Terraform(Vec<FileId>),
    Document(FileId, Syntax),
}

fn units(
    sources: &Sources,
    layout: &adapt::kubernetes::Layout,
    inputs: &adapt::Inputs,
) -> Vec<Unit> {
    let var_files: Vec<String> = inputs
        .terraform_var_files
        .iter()
        .map(|path| adapt::terraform::var_file_display(path))
        .collect();
    let mut terraform = Vec::new();
    let mut units = Vec::new();
    for id in sources.ids() {
        if layout.skipped.contains(&id) || layout.kustomizations.contains(&id) {
            continue;
        }
        let file = sources.get(id);
        let syntax = Syntax::of(&file.display, &file.text);
        if matches!(syntax, Syntax::Terraform | Syntax::Tfvars)
            || adapt::terraform::is_terraform_file(&file.display)
            || var_files.contains(&file.display)
        {
            terraform.push(id);
        } else {
            units.push(Unit::Document(id, syntax));
        }
    }
    if !terraform.is_empty() {
        units.push(Unit::Terraform(terraform));
    }
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
    /// Module directories loaded from outside the scanned paths because they are called.
    called_only: HashSet<String>,
}

fn analyse(unit: &Unit, sources: &Sources, options: &Options, shared: &Shared) -> Outcome {
    let mut outcome = Outcome::default();
    match unit {
        Unit::Terraform(ids) => {
            let adapted =
                adapt::terraform::adapt(sources, ids, &options.inputs, &shared.called_only);
            outcome.resources = adapted.resources;
            outcome.notices = adapted.notices;
            outcome.files_scanned = adapted.files_scanned;
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

//! Modules, roots and module calls.
//!
//! Every directory of `.tf` files is a module. A module that another scanned module calls with
//! a local `source` (`"./x"`, `"../x"`) is evaluated once per call instance, with that
//! instance's arguments as its inputs, and never on its own with its defaults: that would
//! report settings no caller deploys. A module nobody calls is a root, evaluated with its
//! defaults and its `terraform.tfvars`, `*.auto.tfvars`, `--var-file` and `--var` values.
//! Registry and Git modules are read from the copies `terraform init` leaves under
//! `.terraform/modules` (found through `modules.json`); without them a notice says the module
//! was not analysed, never silently.
//!
//! Resources of a called module are addressed under the call
//! (`module.eks.module.nodes["a"].aws_eks_node_group.this[0]`), so two callers' findings stay
//! apart, and a value that came in through a call remembers the call's argument as a related
//! location. A module's outputs are evaluated on demand (`module.x.y` in the caller), each
//! call at most once per caller instance; calls that depend on each other's outputs get
//! unknown values instead of looping. Module cycles and very deep nesting end with a notice.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body};
use rayon::prelude::*;

use super::eval::{span_of, Evaluator, Scope};
use super::functions::FileAccess;
use super::inputs::{self, Given};
use super::instances::{self, Key};
use crate::model::Resource;
use crate::notice::{Notice, NoticeLevel};
use crate::parse::{self, Entry, Node, NodeKind, Via};
use crate::source::{FileId, SourceFile, Sources, Span};

/// How deeply module calls may nest; Terraform configurations stay far below.
pub const MAX_MODULE_DEPTH: usize = 32;
/// How many module instances one root may expand to before the rest is left out with a notice.
pub const MAX_MODULE_INSTANCES: usize = 20_000;
/// How many resource instances one root may expand to, likewise.
pub const MAX_RESOURCES: usize = 500_000;

/// Arguments of a `module` block that are not inputs of the module.
const META_ARGUMENTS: [&str; 6] = [
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

/// The parsed `.tf` files of one directory.
pub struct Module {
    /// The directory as shown in reports (`""` for the working directory).
    pub dir: String,
    pub files: Vec<(FileId, Body)>,
    /// A copy under `.terraform/modules`, or a module loaded from outside the scanned paths
    /// because it is called: only evaluated when called, never as a root.
    pub called_only: bool,
    /// What `file`, `templatefile` and friends may read from this module.
    pub file_access: FileAccess,
}

/// The Terraform side of a scan: every module, and what root modules are given.
pub struct Project<'s> {
    pub sources: &'s Sources,
    /// Sorted by directory.
    pub modules: Vec<Module>,
    by_dir: HashMap<String, usize>,
    /// For each directory `terraform init` ran in: module key (`eks`, `eks.kms`) to the
    /// directory of its copy.
    manifests: HashMap<String, HashMap<String, String>>,
    /// `terraform.tfvars`, `terraform.tfvars.json` and `*.auto.tfvars[.json]` by directory, in
    /// the order Terraform applies them.
    tfvars: HashMap<String, Vec<FileId>>,
    /// `--var-file`, in command-line order.
    var_files: Vec<FileId>,
    /// `--var`, in command-line order.
    vars: Vec<(String, String)>,
}

/// The Terraform files of a scan, sorted out.
pub struct Files<'a> {
    /// `.tf` files by directory.
    pub dirs: Vec<(String, Vec<FileId>)>,
    /// Directories of modules that are only evaluated when called.
    pub called_only: &'a HashSet<String>,
    /// `.terraform/modules/modules.json` files.
    pub manifests: Vec<FileId>,
    /// `terraform.tfvars`, `terraform.tfvars.json` and `*.auto.tfvars[.json]` by directory, in
    /// the order Terraform applies them.
    pub tfvars: HashMap<String, Vec<FileId>>,
    /// `--var-file`, in command-line order.
    pub var_files: Vec<FileId>,
    /// `--var`, in command-line order.
    pub vars: Vec<(String, String)>,
}

/// What evaluating one root produces.
#[derive(Default)]
pub struct Output {
    pub resources: Vec<Resource>,
    pub notices: Vec<Notice>,
}

/// Where a module instance sits in its root's tree.
struct Path {
    /// Address prefix of its resources: `""` or `module.a["x"].module.b.`.
    prefix: String,
    /// Its key in `modules.json`: `""` or `a.b.`.
    key: String,
    /// The modules from the root down to it, for cycle detection.
    stack: Vec<usize>,
    /// The headers of the `module` blocks from the root down to it: a suppression above one
    /// covers everything the call creates.
    calls: Vec<Span>,
    root: usize,
    /// Shared by every instance of the root.
    budget: Arc<Budget>,
}

/// How much of its budget a root's evaluation has used, across threads.
#[derive(Default)]
struct Budget {
    /// Module instances expanded so far.
    instances: AtomicUsize,
    /// Resource instances produced so far.
    resources: AtomicUsize,
    /// Whether a budget was exceeded (said once).
    exceeded: AtomicBool,
}

/// A module call made ready to evaluate: one job per instance.
struct Prepared {
    jobs: Vec<Job>,
    counted: bool,
}

struct Job {
    key: Key,
    target: usize,
    given: HashMap<String, Node>,
    path: Path,
}

/// The values given to a module instance's variables.
enum Values {
    /// A root: tfvars files, `--var-file`, `--var`.
    Root,
    /// A called module: the call's arguments.
    Call(HashMap<String, Node>),
}

impl<'s> Project<'s> {
    /// Parses the modules (in parallel) and reads `modules.json` manifests.
    pub fn new(sources: &'s Sources, files: Files, notices: &mut Vec<Notice>) -> Project<'s> {
        let Files {
            dirs,
            called_only,
            manifests,
            tfvars,
            var_files,
            vars,
        } = files;
        let parsed: Vec<(Module, Vec<Notice>)> = dirs
            .into_par_iter()
            .map(|(dir, ids)| {
                let called = called_only.contains(&dir);
                parse_module(sources, dir, &ids, called)
            })
            .collect();
        let mut modules = Vec::new();
        for (module, problems) in parsed {
            modules.push(module);
            notices.extend(problems);
        }
        let by_dir = modules
            .iter()
            .enumerate()
            .map(|(index, module)| (module.dir.clone(), index))
            .collect();
        let mut project = Project {
            sources,
            modules,
            by_dir,
            manifests: HashMap::new(),
            tfvars,
            var_files,
            vars,
        };
        for file in manifests {
            project.read_manifest(file, notices);
        }
        project
    }

    /// `<dir>/.terraform/modules/modules.json`: `{"Modules": [{"Key", "Source", "Dir"}]}`, with
    /// `Dir` relative to `<dir>`.
    fn read_manifest(&mut self, file: FileId, notices: &mut Vec<Notice>) {
        let source = self.sources.get(file);
        let root = source
            .display
            .strip_suffix(MANIFEST)
            .unwrap_or("")
            .trim_end_matches('/')
            .to_string();
        let parsed: Result<serde_json::Value, _> = serde_json::from_str(&source.text);
        let Some(entries) = parsed
            .ok()
            .and_then(|value| value.get("Modules")?.as_array().cloned())
        else {
            notices.push(Notice::file(
                NoticeLevel::Warning,
                Some(file),
                &source.display,
                "cannot read the module manifest; modules fetched by `terraform init` are not analysed",
            ));
            return;
        };
        let mut manifest = HashMap::new();
        for entry in entries {
            let key = entry.get("Key").and_then(|k| k.as_str()).unwrap_or("");
            let dir = entry.get("Dir").and_then(|d| d.as_str());
            if let (false, Some(dir)) = (key.is_empty(), dir.and_then(super::files::fetched_dir)) {
                manifest.insert(key.to_string(), join(&root, &dir));
            }
        }
        self.manifests.insert(root, manifest);
    }

    /// Modules no other scanned module calls. Modules that only call each other in a cycle
    /// are reached from the first of them, so the cycle gets a notice instead of silence.
    pub fn roots(&self) -> Vec<usize> {
        let calls: Vec<Vec<usize>> = self
            .modules
            .iter()
            .enumerate()
            .map(|(index, module)| {
                static_calls(module)
                    .filter_map(|source| self.by_dir.get(&join(&module.dir, source)).copied())
                    .filter(|&target| target != index)
                    .collect()
            })
            .collect();
        let called: HashSet<usize> = calls.iter().flatten().copied().collect();
        let mut roots: Vec<usize> = (0..self.modules.len())
            .filter(|&index| !self.modules[index].called_only && !called.contains(&index))
            .collect();
        let mut reached = HashSet::new();
        let mut pending = roots.clone();
        loop {
            while let Some(index) = pending.pop() {
                if reached.insert(index) {
                    pending.extend(calls[index].iter().copied());
                }
            }
            let unreached = (0..self.modules.len())
                .find(|&index| !self.modules[index].called_only && !reached.contains(&index));
            match unreached {
                Some(index) => {
                    roots.push(index);
                    pending.push(index);
                }
                None => break,
            }
        }
        roots.sort_unstable();
        roots
    }

    /// Evaluates a root module and everything it calls.
    pub fn evaluate_root(&self, root: usize) -> Output {
        let out = RefCell::new(Output::default());
        let path = Path {
            prefix: String::new(),
            key: String::new(),
            stack: vec![root],
            calls: Vec::new(),
            root,
            budget: Arc::new(Budget::default()),
        };
        self.instance(root, Values::Root, &path, &out);
        out.into_inner()
    }

    /// Evaluates one module instance: its resources go to `out`; returns its outputs.
    fn instance(&self, index: usize, values: Values, path: &Path, out: &RefCell<Output>) -> Node {
        let module = &self.modules[index];
        let calls = Calls {
            project: self,
            module: index,
            path,
            out,
            results: RefCell::new(HashMap::new()),
        };
        let mut scope = Scope {
            module_dir: module.dir.clone(),
            files: module.file_access.clone(),
            ..Scope::default()
        };
        for (file, body) in &module.files {
            for block in body.blocks() {
                match (block.ident.as_str(), block.labels.as_slice()) {
                    ("variable", [name]) => {
                        let header = super::header_span(block, *file);
                        let variable = inputs::declaration(&block.body, header, *file);
                        scope.variables.insert(name.as_str().to_string(), variable);
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
        match values {
            Values::Root => self.root_values(&mut scope, &module.dir, out),
            Values::Call(given) => {
                for (name, value) in given {
                    if let Some(variable) = scope.variables.get_mut(&name) {
                        variable.given = Some(Given {
                            value,
                            from_command_line: false,
                        });
                    }
                }
            }
        }
        scope.modules = Some(&calls);
        let evaluator = Evaluator::new(&scope);

        // Provider configurations (region, default tags) for organisation policies.
        out.borrow_mut()
            .resources
            .extend(super::providers::providers(&evaluator, &module.files));
        for (file, body) in &module.files {
            for block in body.blocks() {
                if let ("resource", [type_label, name_label]) =
                    (block.ident.as_str(), block.labels.as_slice())
                {
                    if path.budget.resources.load(Ordering::Relaxed) >= MAX_RESOURCES {
                        let span = super::header_span(block, *file);
                        self.over_budget(out, &path.budget, span, "resource");
                        continue;
                    }
                    let (mut resources, truncated) = super::resources(
                        &evaluator,
                        block,
                        type_label.as_str(),
                        name_label.as_str(),
                        *file,
                        &path.prefix,
                    );
                    for resource in &mut resources {
                        resource.enclosing.clone_from(&path.calls);
                    }
                    path.budget
                        .resources
                        .fetch_add(resources.len(), Ordering::Relaxed);
                    let mut out = out.borrow_mut();
                    out.resources.extend(resources);
                    if let Some((span, count)) = truncated {
                        let notice = self.too_many_instances(span, count);
                        out.notices.push(notice);
                    }
                }
            }
        }
        // Every call is evaluated, also those whose outputs nobody uses.
        calls.evaluate_rest(&evaluator, module);
        outputs(&evaluator, module, path)
    }

    /// Gives a root's variables their values from tfvars files, `--var-file` and `--var`,
    /// each later one overriding the earlier ones.
    fn root_values(&self, scope: &mut Scope, dir: &str, out: &RefCell<Output>) {
        let files = self.tfvars.get(dir).into_iter().flatten();
        for &file in files.chain(&self.var_files) {
            match inputs::tfvars_file(self.sources, file) {
                Ok(values) => {
                    for (name, value) in values {
                        if let Some(variable) = scope.variables.get_mut(&name) {
                            variable.given = Some(Given {
                                value,
                                from_command_line: false,
                            });
                        }
                    }
                }
                Err(message) => out.borrow_mut().notices.push(Notice::file(
                    NoticeLevel::Error,
                    Some(file),
                    &self.sources.get(file).display,
                    format!("cannot read variable values: {message}"),
                )),
            }
        }
        for (name, text) in &self.vars {
            if let Some(variable) = scope.variables.get_mut(name) {
                let value = inputs::command_line_value(variable, name, text);
                variable.given = Some(Given {
                    value,
                    from_command_line: true,
                });
            }
        }
    }

    /// The module a call's `source` names, or why it cannot be analysed.
    fn resolve(
        &self,
        caller: &Module,
        name: &str,
        source: &str,
        key: &str,
        root: usize,
    ) -> Result<usize, String> {
        if is_local(source) {
            let dir = join(&caller.dir, source);
            return self.by_dir.get(&dir).copied().ok_or_else(|| {
                format!(
                    "module `{name}` is not analysed: no Terraform files were scanned in `{}` (source \"{source}\")",
                    if dir.is_empty() { "." } else { &dir }
                )
            });
        }
        let root_dir = &self.modules[root].dir;
        let Some(manifest) = self.manifests.get(root_dir) else {
            return Err(format!(
                "module `{name}` is not analysed: its source \"{source}\" is not local and there is no \
                 .terraform/modules/modules.json (run `terraform init` to fetch it)"
            ));
        };
        manifest
            .get(key)
            .and_then(|dir| self.by_dir.get(dir).copied())
            .ok_or_else(|| {
                format!(
                    "module `{name}` is not analysed: .terraform/modules holds no Terraform files for \
                     it (source \"{source}\"; run `terraform init` again)"
                )
            })
    }

    /// Says once per root that it expands to more instances than are analysed.
    fn over_budget(&self, out: &RefCell<Output>, budget: &Budget, span: Span, what: &str) {
        if !budget.exceeded.swap(true, Ordering::Relaxed) {
            let mut out = out.borrow_mut();
            let limit = if what == "module" {
                MAX_MODULE_INSTANCES
            } else {
                MAX_RESOURCES
            };
            let notice = self.notice(
                span,
                format!("more than {limit} {what} instances in this configuration; the rest are not analysed"),
            );
            out.notices.push(notice);
        }
    }

    fn too_many_instances(&self, span: Span, count: usize) -> Notice {
        Notice::at(
            NoticeLevel::Warning,
            span,
            &self.sources.get(span.file).display,
            format!(
                "{count} instances; only the first {} are analysed",
                instances::MAX_INSTANCES
            ),
        )
    }

    fn notice(&self, span: Span, message: String) -> Notice {
        Notice::at(
            NoticeLevel::Warning,
            span,
            &self.sources.get(span.file).display,
            message,
        )
    }
}

fn parse_module(
    sources: &Sources,
    dir: String,
    ids: &[FileId],
    called_only: bool,
) -> (Module, Vec<Notice>) {
    let mut files = Vec::new();
    let mut notices = Vec::new();
    for &id in ids {
        let source = sources.get(id);
        let parsed = if super::json_config::is_json(&source.display) {
            super::json_config::parse(&source.text, id)
        } else {
            parse::hcl::parse(&source.text)
        };
        match parsed {
            Ok(body) => files.push((id, body)),
            Err(error) => notices.push(Notice::at(
                NoticeLevel::Error,
                error.span(id, &source.text),
                &source.display,
                format!("cannot parse Terraform: {}", error.message),
            )),
        }
    }
    let fetched = dir.starts_with(".terraform/") || dir.contains("/.terraform/");
    let on_disk: Vec<(FileId, &SourceFile)> = ids.iter().map(|&id| (id, sources.get(id))).collect();
    let file_access = FileAccess::for_module(&on_disk);
    (
        Module {
            dir,
            files,
            called_only: called_only || fetched,
            file_access,
        },
        notices,
    )
}

/// Where `terraform init` records the modules it fetched, relative to the directory it ran in.
pub const MANIFEST: &str = ".terraform/modules/modules.json";

/// The literal `source` of every module call, for finding roots.
fn static_calls(module: &Module) -> impl Iterator<Item = &str> {
    module
        .files
        .iter()
        .flat_map(|(_, body)| body.blocks())
        .filter(|block| block.ident.as_str() == "module")
        .filter_map(|block| match &block.body.get_attribute("source")?.value {
            Expression::String(source) => Some(source.value().as_str()),
            _ => None,
        })
        .filter(|source| is_local(source))
}

/// Terraform treats only `./` and `../` paths as local.
fn is_local(source: &str) -> bool {
    source.starts_with("./") || source.starts_with("../") || source == "." || source == ".."
}

/// `dir` joined with a relative path, `.` and `..` resolved, `/`-separated like display paths.
pub fn join(dir: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|part| !part.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|last| *last != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if dir.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// The module calls of one module instance, evaluated once each, on demand.
struct Calls<'p> {
    project: &'p Project<'p>,
    module: usize,
    path: &'p Path,
    out: &'p RefCell<Output>,
    results: RefCell<HashMap<String, Option<Node>>>,
}

/// What `module.NAME` means to the evaluator.
pub trait ModuleOutputs {
    /// The outputs of the module call `name` (a list or map of them for `count`/`for_each`).
    fn output(&self, evaluator: &Evaluator, name: &str, span: Span) -> Node;
}

impl ModuleOutputs for Calls<'_> {
    fn output(&self, evaluator: &Evaluator, name: &str, span: Span) -> Node {
        let mut value = self.evaluate(evaluator, name);
        value.span = span;
        value
    }
}

impl Calls<'_> {
    /// The outputs of call `name`, evaluating it the first time. A call asked for while it is
    /// being evaluated (calls whose inputs use each other's outputs) is unknown.
    fn evaluate(&self, evaluator: &Evaluator, name: &str) -> Node {
        let module = &self.project.modules[self.module];
        let Some((block, file)) = find_call(module, name) else {
            let file = module
                .files
                .first()
                .map(|(file, _)| *file)
                .unwrap_or_default();
            let span = Span::file_start(file);
            return Node::unknown(span, format!("module `{name}` is not declared"));
        };
        let span = super::header_span(block, file);
        if let Some(done) = self.results.borrow().get(name) {
            return match done {
                Some(outputs) => outputs.clone(),
                None => Node::unknown(
                    span,
                    format!("the outputs of module `{name}` depend on themselves"),
                ),
            };
        }
        self.results.borrow_mut().insert(name.to_string(), None);
        let outputs = self.call(evaluator, name, block, file, span);
        self.results
            .borrow_mut()
            .insert(name.to_string(), Some(outputs.clone()));
        outputs
    }

    /// Evaluates call `name` now, instance after instance.
    fn call(
        &self,
        evaluator: &Evaluator,
        name: &str,
        block: &Block,
        file: FileId,
        span: Span,
    ) -> Node {
        match self.prepare(evaluator, name, block, file, span) {
            Ok(prepared) => {
                let results = prepared
                    .jobs
                    .into_iter()
                    .map(|job| {
                        let outputs = self.project.instance(
                            job.target,
                            Values::Call(job.given),
                            &job.path,
                            self.out,
                        );
                        (job.key, outputs)
                    })
                    .collect();
                combine(results, prepared.counted, span)
            }
            Err(unknown) => unknown,
        }
    }

    /// Everything about call `name` that needs the caller's evaluator: its source, its
    /// instances and their arguments. `Err` holds the unknown outputs of a call that is not
    /// analysed (with a notice saying why).
    fn prepare(
        &self,
        evaluator: &Evaluator,
        name: &str,
        block: &Block,
        file: FileId,
        span: Span,
    ) -> Result<Prepared, Node> {
        let project = self.project;
        let path = self.path;
        let unknown = |why: &str| Node::unknown(span, format!("module `{name}` {why}"));
        let source = block
            .body
            .get_attribute("source")
            .map(|attribute| evaluator.expr(&attribute.value, file));
        let Some((source, source_span)) = source
            .as_ref()
            .and_then(|node| Some((node.as_str()?, node.span)))
        else {
            self.notify(
                span,
                format!("module `{name}` is not analysed: its `source` is not a known string"),
            );
            return Err(unknown("is not analysed"));
        };
        let key = format!("{}{name}", path.key);
        let caller = &project.modules[self.module];
        let target = match project.resolve(caller, name, source, &key, path.root) {
            Ok(target) => target,
            Err(message) => {
                self.notify(source_span, message);
                return Err(unknown("is not analysed"));
            }
        };
        if path.stack.contains(&target) {
            self.notify(
                source_span,
                format!("module `{name}` calls a module that is already being evaluated (a module cycle); it is not expanded"),
            );
            return Err(unknown("is part of a module cycle"));
        }
        if path.stack.len() >= MAX_MODULE_DEPTH {
            self.notify(
                source_span,
                format!("module `{name}` is nested more than {MAX_MODULE_DEPTH} modules deep; it is not expanded"),
            );
            return Err(unknown("is nested too deeply"));
        }

        let expanded = instances::expand(evaluator, &block.body, file);
        if let Some((span, count)) = expanded.truncated {
            let notice = project.too_many_instances(span, count);
            self.out.borrow_mut().notices.push(notice);
        }
        let mut jobs = Vec::new();
        for instance in &expanded.list {
            let instances = path.budget.instances.fetch_add(1, Ordering::Relaxed) + 1;
            if instances > MAX_MODULE_INSTANCES {
                project.over_budget(self.out, &path.budget, source_span, "module");
                return Err(unknown("is not analysed"));
            }
            let address = format!("{}module.{name}{}", path.prefix, instance.suffix);
            let given = instances::within(evaluator, instance, || {
                arguments(evaluator, &block.body, file, &address)
            });
            let mut stack = path.stack.clone();
            stack.push(target);
            let mut calls = path.calls.clone();
            calls.push(super::header_span(block, file));
            jobs.push(Job {
                key: instance.key.clone(),
                target,
                given,
                path: Path {
                    prefix: format!("{address}."),
                    key: format!("{key}."),
                    stack,
                    calls,
                    root: path.root,
                    budget: Arc::clone(&path.budget),
                },
            });
        }
        Ok(Prepared {
            jobs,
            counted: block.body.has_attribute("count"),
        })
    }

    /// Evaluates every call not evaluated yet. Their arguments are evaluated here, in order;
    /// the called instances, which no longer need this module's evaluator, run in parallel.
    fn evaluate_rest(&self, evaluator: &Evaluator, module: &Module) {
        let mut prepared = Vec::new();
        for (file, body) in &module.files {
            for block in body.blocks() {
                let ("module", [name]) = (block.ident.as_str(), block.labels.as_slice()) else {
                    continue;
                };
                let name = name.as_str();
                if self.results.borrow().contains_key(name) {
                    continue;
                }
                self.results.borrow_mut().insert(name.to_string(), None);
                let span = super::header_span(block, *file);
                match self.prepare(evaluator, name, block, *file, span) {
                    Ok(call) => prepared.push((name, span, call)),
                    Err(unknown) => {
                        self.results
                            .borrow_mut()
                            .insert(name.to_string(), Some(unknown));
                    }
                }
            }
        }
        let project = self.project;
        let jobs: Vec<(usize, Job)> = prepared
            .iter_mut()
            .enumerate()
            .flat_map(|(call, (_, _, prepared))| {
                std::mem::take(&mut prepared.jobs)
                    .into_iter()
                    .map(move |job| (call, job))
            })
            .collect();
        let done: Vec<(usize, Key, Node, Output)> = jobs
            .into_par_iter()
            .map(|(call, job)| {
                let out = RefCell::new(Output::default());
                let outputs =
                    project.instance(job.target, Values::Call(job.given), &job.path, &out);
                (call, job.key, outputs, out.into_inner())
            })
            .collect();
        let mut results: Vec<Vec<(Key, Node)>> = prepared.iter().map(|_| Vec::new()).collect();
        {
            let mut out = self.out.borrow_mut();
            for (call, key, outputs, produced) in done {
                results[call].push((key, outputs));
                out.resources.extend(produced.resources);
                out.notices.extend(produced.notices);
            }
        }
        for ((name, span, call), results) in prepared.into_iter().zip(results) {
            let outputs = combine(results, call.counted, span);
            self.results
                .borrow_mut()
                .insert(name.to_string(), Some(outputs));
        }
    }

    fn notify(&self, span: Span, message: String) {
        let notice = self.project.notice(span, message);
        self.out.borrow_mut().notices.push(notice);
    }
}

fn find_call<'m>(module: &'m Module, name: &str) -> Option<(&'m Block, FileId)> {
    module.files.iter().find_map(|(file, body)| {
        body.blocks()
            .find(|block| {
                block.ident.as_str() == "module"
                    && matches!(block.labels.as_slice(), [label] if label.as_str() == name)
            })
            .map(|block| (block, *file))
    })
}

/// A call's arguments, evaluated in the caller, each remembering the argument as the place
/// the value came from.
fn arguments(
    evaluator: &Evaluator,
    body: &Body,
    file: FileId,
    address: &str,
) -> HashMap<String, Node> {
    body.attributes()
        .filter(|attribute| !META_ARGUMENTS.contains(&attribute.key.as_str()))
        .map(|attribute| {
            let key = attribute.key.as_str();
            let mut value = evaluator.expr(&attribute.value, file);
            value.via.insert(
                0,
                Via {
                    span: span_of(&attribute.value, file),
                    note: format!("the value comes from {address} input `{key}`"),
                },
            );
            (key.to_string(), value)
        })
        .collect()
}

/// A call's outputs: one instance's, or a list (`count`) or map (`for_each`) of them.
fn combine(results: Vec<(Key, Node)>, counted: bool, span: Span) -> Node {
    if let [(Key::Single, _)] = results.as_slice() {
        return results
            .into_iter()
            .next()
            .map_or_else(|| Node::unknown(span, ""), |(_, node)| node);
    }
    if results.iter().any(|(key, _)| *key == Key::Unknown) {
        return Node::unknown(span, "the instances of the module are not known");
    }
    let kind = if counted {
        NodeKind::Seq(results.into_iter().map(|(_, node)| node).collect())
    } else {
        NodeKind::Map(
            results
                .into_iter()
                .map(|(key, node)| Entry {
                    key: match key {
                        Key::Name(name) => name,
                        _ => String::new(),
                    },
                    key_span: span,
                    value: node,
                })
                .collect(),
        )
    };
    Node::new(span, kind)
}

/// An instance's `output` values, each remembering the output it came through.
fn outputs(evaluator: &Evaluator, module: &Module, path: &Path) -> Node {
    let address = path.prefix.trim_end_matches('.');
    let mut entries = Vec::new();
    let mut span = None;
    for (file, body) in &module.files {
        span.get_or_insert(Span::file_start(*file));
        for block in body.blocks() {
            let ("output", [name]) = (block.ident.as_str(), block.labels.as_slice()) else {
                continue;
            };
            let Some(value) = block.body.get_attribute("value") else {
                continue;
            };
            let mut node = evaluator.expr(&value.value, *file);
            node.via.insert(
                0,
                Via {
                    span: span_of(&value.value, *file),
                    note: format!(
                        "the value comes from output `{}` of {address}",
                        name.as_str()
                    ),
                },
            );
            entries.push(Entry {
                key: name.as_str().to_string(),
                key_span: span_of(name, *file),
                value: node,
            });
        }
    }
    let span = span.unwrap_or(Span::file_start(FileId(0)));
    Node::new(span, NodeKind::Map(entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_sources_join_like_paths() {
        assert_eq!(join("live/prod", "./modules/eks"), "live/prod/modules/eks");
        assert_eq!(join("live/prod", "../../modules/eks/"), "modules/eks");
        assert_eq!(join("", "./x"), "x");
        assert_eq!(join("", "../x"), "../x");
        assert_eq!(join("/abs/root", "../x"), "/abs/x");
        assert_eq!(join("a", "."), "a");
        assert!(is_local("./x") && is_local("../x") && !is_local("terraform-aws-modules/eks/aws"));
        assert!(!is_local("git::https://example.com/m.git"));
    }
}

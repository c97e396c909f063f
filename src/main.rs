//! The `iacguard` command: flags → scan → reports → exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use iacguard::adapt::Inputs;
use iacguard::fix;
use iacguard::notice::{Notice, NoticeLevel};
use iacguard::policy::baseline::{self, Baseline};
use iacguard::policy::config::{Config, ConfigError};
use iacguard::policy::diff_base;
use iacguard::policy::exclude::Exclude;
use iacguard::policy::guard;
use iacguard::policy::org::OrgPolicy;
use iacguard::policy::ruleset::Ruleset;
use iacguard::report::{self, Format, RenderOptions};
use iacguard::rules::{self, docs, Rule, Severity};
use iacguard::scan::{scan_paths, Options, Scan};

const EXIT_CODES: &str = "\
Exit codes:
  0  no findings at or above the severity threshold
  1  findings at or above the severity threshold (0 with --soft-fail)
  2  usage error, or the scan was incomplete: a file could not be read or parsed
     (everything that was found is still reported)";

#[derive(Parser)]
#[command(
    name = "iacguard",
    version,
    about = "Static security analysis for CloudFormation, Terraform and Kubernetes",
    after_help = EXIT_CODES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan files and directories for misconfigurations
    #[command(after_help = EXIT_CODES)]
    Scan(Box<ScanArgs>),
    /// List the rule catalogue
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print the documentation of one rule
    Explain {
        /// Rule ID (AWS-EKS-002) or name (eks-public-endpoint)
        rule: String,
    },
    /// Print, as JSON by file, the documents Guard rules are evaluated against
    Model {
        /// Files or directories; `-` reads standard input
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
    },
}

/// `--guard-engine`: the command-line names of [`guard::Engine`].
#[derive(Clone, Copy, clap::ValueEnum)]
enum GuardEngineArg {
    Native,
    CfnGuard,
}

#[derive(clap::Args)]
struct ScanArgs {
    /// Files or directories to scan; `-` reads one YAML or JSON stream from standard input
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format; repeat it with --output to write several formats in one run
    #[arg(long, value_enum)]
    format: Vec<Format>,
    /// Write the report to FILE instead of standard output (paired with --format in order)
    #[arg(long, value_name = "FILE")]
    output: Vec<PathBuf>,
    /// Run the rules of a profile (cis-eks, cis-kubernetes, eks-hardening,
    /// pod-security-restricted) or a ruleset file; or add Guard rules: a FILE.guard or a shipped
    /// pack (guard:allowed-regions, guard:approved-registries, guard:no-public-ips,
    /// guard:required-tags); repeatable
    #[arg(long, value_name = "NAME|FILE")]
    ruleset: Vec<String>,
    /// Which evaluator runs Guard rules: iacguard's own (fast; a rules file it cannot evaluate
    /// exactly goes to cfn-guard, with a note) or cfn-guard for every file (the reference)
    #[arg(long, value_enum, value_name = "ENGINE", default_value_t = GuardEngineArg::Native)]
    guard_engine: GuardEngineArg,
    /// Run only these rules: IDs, names or ID prefixes (AWS-EKS, K8S), comma-separated
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Skip these rules: IDs, names or ID prefixes, comma-separated
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Findings below this severity are reported but do not fail the scan [default: low]
    #[arg(long, value_name = "LEVEL", value_parser = parse_severity)]
    severity_threshold: Option<Severity>,
    /// Exit 0 even when there are findings (an incomplete scan still exits 2)
    #[arg(long)]
    soft_fail: bool,
    /// Files larger than this many bytes are not parsed and make the scan incomplete
    #[arg(long, value_name = "BYTES", default_value_t = iacguard::load::DEFAULT_MAX_FILE_SIZE)]
    max_file_size: u64,
    /// Evaluation steps each Terraform module may take (every expression and every element a
    /// `for` or function builds counts one); past it, values are unknown and nothing is
    /// reported on them
    #[arg(long, value_name = "STEPS", default_value_t = iacguard::adapt::terraform::DEFAULT_EVALUATION_BUDGET)]
    eval_budget: u64,
    /// Set a Terraform root variable, as `terraform plan -var`; repeatable
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = parse_var)]
    vars: Vec<(String, String)>,
    /// Read Terraform variable values from a .tfvars or .tfvars.json file; repeatable
    #[arg(long = "var-file", value_name = "FILE")]
    var_files: Vec<PathBuf>,
    /// CloudFormation parameter values: `[{"ParameterKey": .., "ParameterValue": ..}]` or
    /// `{"Name": "value"}` JSON; repeatable
    #[arg(long = "cfn-params", value_name = "FILE")]
    cfn_params: Vec<PathBuf>,
    /// Registries images may come from (organisation policy), comma-separated
    #[arg(long, value_delimiter = ',', value_name = "REGISTRIES")]
    approved_registries: Vec<String>,
    /// Read this configuration file instead of the nearest .iacguard.toml
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Do not read any .iacguard.toml
    #[arg(long)]
    no_config: bool,
    /// Report only findings that are not in this baseline file
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Report only findings on resources added or changed since this git revision
    #[arg(long, value_name = "REV")]
    diff_base: Option<String>,
    /// Record the findings of this scan as a baseline file
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Apply the safe fixes rules offer to the scanned files in place (printed on standard
    /// error), then report what remains
    #[arg(long)]
    fix: bool,
    /// The paths are changed files, as pre-commit passes them: a Terraform file brings its
    /// whole module directory into the evaluation, and only findings in the given files count
    #[arg(long)]
    changed_files: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

fn parse_var(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_string(), value.to_string()))
        }
        _ => Err("expected NAME=VALUE".to_string()),
    }
}

fn parse_severity(text: &str) -> Result<Severity, String> {
    Severity::parse(text).ok_or_else(|| "expected one of: critical, high, medium, low".to_string())
}

/// Stack for each worker thread. Parsers cap nesting, but evaluation may still recurse through
/// chains of references on hostile input; a roomy stack (only reserved, not used) keeps that an
/// error path rather than an abort.
const WORKER_STACK_BYTES: usize = 64 * 1024 * 1024;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Fails only if a pool already exists, in which case that pool is used.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK_BYTES)
        .build_global();
    match cli.command {
        Command::Scan(args) => scan(*args),
        Command::Rules { format } => {
            print_rules(format);
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => explain(&rule),
        Command::Model { paths } => model(&paths),
    }
}

fn scan(args: ScanArgs) -> ExitCode {
    let started = Instant::now();
    let formats = if args.format.is_empty() {
        vec![Format::Text]
    } else {
        args.format.clone()
    };
    if args.output.len() > formats.len() {
        return usage_error("there are more --output files than --format options");
    }
    if formats.len() - args.output.len() > 1 {
        return usage_error(
            "only one --format may go to standard output; give the others an --output",
        );
    }
    let config = match load_config(&args) {
        Ok(config) => config,
        Err(error) => {
            eprint!("{}", render_config_error(&error));
            return ExitCode::from(2);
        }
    };
    // Command-line selections replace the file's; ignores add up.
    let rulesets = if args.ruleset.is_empty() {
        &config.rulesets
    } else {
        &args.ruleset
    };
    let select = if args.select.is_empty() {
        &config.select
    } else {
        &args.select
    };
    let ignore: Vec<String> = config.ignore.iter().chain(&args.ignore).cloned().collect();
    // Guard rules files add custom rules; profiles select built-in ones.
    let (guard_names, profiles): (Vec<String>, Vec<String>) = rulesets
        .iter()
        .cloned()
        .partition(|name| guard::is_guard(name));
    let rules = match select_rules(&profiles, select, &ignore) {
        Ok(rules) => rules,
        Err(message) => return usage_error(&message),
    };
    let mut guard_files = Vec::new();
    for name in &guard_names {
        match guard::GuardFile::load(name) {
            Ok(file) => guard_files.push(file),
            Err(message) => return usage_error(&message),
        }
    }
    let exclude = if config.exclude.is_empty() {
        None
    } else {
        match Exclude::new(&config.root, &config.exclude) {
            Ok(exclude) => Some(exclude),
            Err(message) => return usage_error(&message),
        }
    };
    let severity_threshold = args
        .severity_threshold
        .or(config.severity_threshold)
        .unwrap_or(Severity::Low);
    iacguard::adapt::terraform::set_evaluation_budget(args.eval_budget);
    let options = Options {
        rules,
        max_file_size: args.max_file_size,
        inputs: Inputs {
            terraform_vars: config.vars.iter().chain(&args.vars).cloned().collect(),
            terraform_var_files: config
                .var_files
                .iter()
                .chain(&args.var_files)
                .cloned()
                .collect(),
            cloudformation_params: config
                .cfn_params
                .iter()
                .chain(&args.cfn_params)
                .cloned()
                .collect(),
        },
        policy: OrgPolicy {
            approved_registries: if args.approved_registries.is_empty() {
                config.policy.approved_registries.clone()
            } else {
                args.approved_registries.clone()
            },
            ..config.policy.clone()
        },
        inline_suppressions: config.inline_suppressions,
        severity_overrides: config.severity_overrides.clone(),
        exclude,
        guard: guard_files,
        guard_engine: match args.guard_engine {
            GuardEngineArg::Native => guard::Engine::Native,
            GuardEngineArg::CfnGuard => guard::Engine::CfnGuard,
        },
        guard_select: select.clone(),
        guard_ignore: ignore.clone(),
    };
    let paths = if args.changed_files {
        with_module_siblings(&args.paths)
    } else {
        args.paths.clone()
    };
    // With --fix the first scan finds what to fix and the second reports what remains; only
    // the second writes the baseline.
    let mut scan = match analyse(&args, &options, &paths, !args.fix) {
        Ok(scan) => scan,
        Err(code) => return code,
    };
    if args.fix {
        report_fixes(&fix::apply(&scan));
        scan = match analyse(&args, &options, &paths, true) {
            Ok(scan) => scan,
            Err(code) => return code,
        };
    }

    // The reports need the findings and the sources, not the evaluated resources (baselines
    // and --diff-base, which do, are done): freeing them first lowers the peak memory of a big
    // scan by a third.
    drop(std::mem::take(&mut scan.model));
    for (i, format) in formats.iter().enumerate() {
        let target = args.output.get(i);
        let render_options = RenderOptions {
            elapsed: started.elapsed(),
            color: target.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none(),
        };
        let text = report::render(*format, &scan, &render_options);
        let written = match target {
            Some(path) => std::fs::write(path, text)
                .map_err(|error| format!("cannot write {}: {error}", path.display())),
            None => std::io::stdout()
                .write_all(text.as_bytes())
                .map_err(|error| format!("cannot write the report: {error}")),
        };
        if let Err(message) = written {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    }

    if formats.contains(&Format::Github) {
        append_step_summary(&scan);
    }

    if scan.incomplete() {
        return ExitCode::from(2);
    }
    let failing = scan
        .unsuppressed()
        .any(|finding| finding.severity >= severity_threshold);
    if failing && !args.soft_fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One scan with its command-line restrictions: `--diff-base`, `--changed-files`, then the
/// baseline (written first with `--write-baseline` when `write_baseline` is set).
fn analyse(
    args: &ScanArgs,
    options: &Options,
    paths: &[PathBuf],
    write_baseline: bool,
) -> Result<Scan, ExitCode> {
    let mut scan = scan_paths(paths, options);
    if let Some(rev) = &args.diff_base {
        let base = match diff_base::scan_at(rev, paths, options) {
            Ok(base) => base,
            Err(message) => return Err(usage_error(&message)),
        };
        let dropped = diff_base::restrict(&mut scan, &base, rev);
        if dropped > 0 {
            scan.notices.push(Notice::file(
                NoticeLevel::Note,
                None,
                rev,
                format!(
                    "{dropped} {} on resources unchanged since {rev} not reported (--diff-base)",
                    if dropped == 1 { "finding" } else { "findings" }
                ),
            ));
        }
    }
    if args.changed_files {
        keep_findings_in(&mut scan, &args.paths);
    }
    if let (Some(path), true) = (&args.write_baseline, write_baseline) {
        if let Err(error) = std::fs::write(path, baseline::write(&scan)) {
            eprintln!("error: cannot write {}: {error}", path.display());
            return Err(ExitCode::from(2));
        }
    }
    if let Some(path) = &args.baseline {
        let baseline = match Baseline::load(path) {
            Ok(baseline) => baseline,
            Err(message) => return Err(usage_error(&message)),
        };
        let stale = baseline.apply(&mut scan);
        if stale > 0 {
            scan.notices.push(Notice::file(
                NoticeLevel::Note,
                None,
                &path.display().to_string(),
                format!(
                    "{stale} baseline {} no longer occur (fixed or removed); refresh it with --write-baseline",
                    if stale == 1 { "entry" } else { "entries" }
                ),
            ));
        }
    }
    Ok(scan)
}

/// The given paths plus, for each Terraform file, the other Terraform files of its directory:
/// a module is evaluated as a whole (its variables, locals and tfvars live in sibling files).
fn with_module_siblings(paths: &[PathBuf]) -> Vec<PathBuf> {
    let is_terraform = |path: &Path| {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        [".tf", ".tf.json", ".tfvars", ".tfvars.json"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
    };
    let mut all: Vec<PathBuf> = paths.to_vec();
    for path in paths {
        if !(path.is_file() && is_terraform(path)) {
            continue;
        }
        let directory = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let Ok(entries) = std::fs::read_dir(&directory) else {
            continue;
        };
        let mut siblings: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|sibling| sibling.is_file() && is_terraform(sibling))
            .map(|sibling| {
                // Keep the spelling of the given path (`dir/x.tf`, not `./dir/x.tf`).
                if directory == Path::new(".") && path.parent() == Some(Path::new("")) {
                    PathBuf::from(sibling.file_name().unwrap_or_default())
                } else {
                    sibling
                }
            })
            .collect();
        siblings.sort();
        all.extend(siblings);
    }
    let mut seen = std::collections::BTreeSet::new();
    all.retain(|path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())));
    all
}

/// Drops findings outside the given files (their module siblings were read for context only).
fn keep_findings_in(scan: &mut Scan, paths: &[PathBuf]) {
    let wanted: std::collections::BTreeSet<PathBuf> = paths
        .iter()
        .filter_map(|path| std::fs::canonicalize(path).ok())
        .collect();
    let keep: Vec<bool> = scan
        .findings
        .iter()
        .map(|finding| {
            let file = scan.sources.get(finding.span.file);
            match &file.path {
                Some(path) => std::fs::canonicalize(path).is_ok_and(|p| wanted.contains(&p)),
                None => true,
            }
        })
        .collect();
    let mut keep = keep.into_iter();
    scan.findings.retain(|_| keep.next().unwrap_or(true));
}

/// Prints what `--fix` changed and refused, on standard error so reports stay clean.
fn report_fixes(outcomes: &[fix::Outcome]) {
    let mut stderr = std::io::stderr().lock();
    let applied: Vec<&fix::Outcome> = outcomes.iter().filter(|o| o.refused.is_none()).collect();
    for outcome in outcomes {
        let _ = match &outcome.refused {
            None => writeln!(
                stderr,
                "fixed {}:{}:{} {}: {}",
                outcome.path, outcome.line, outcome.column, outcome.rule, outcome.description
            ),
            Some(reason) => writeln!(
                stderr,
                "not fixed {}:{}:{} {}: {} ({reason})",
                outcome.path, outcome.line, outcome.column, outcome.rule, outcome.description
            ),
        };
    }
    let files: std::collections::BTreeSet<&str> = applied.iter().map(|o| o.path.as_str()).collect();
    let _ = if applied.is_empty() {
        writeln!(stderr, "iacguard: nothing to fix")
    } else {
        writeln!(
            stderr,
            "iacguard: applied {} {} in {} {}",
            applied.len(),
            if applied.len() == 1 { "fix" } else { "fixes" },
            files.len(),
            if files.len() == 1 { "file" } else { "files" }
        )
    };
}

/// `--format github` also writes the Markdown job summary: appended to the file named by
/// `$GITHUB_STEP_SUMMARY`, which GitHub Actions sets in every step.
fn append_step_summary(scan: &Scan) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let appended = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut file| file.write_all(report::github::summary(scan).as_bytes()));
    if let Err(error) = appended {
        eprintln!(
            "warning: cannot append the job summary to {}: {error}",
            Path::new(&path).display()
        );
    }
}

/// `--config`, else the nearest `.iacguard.toml` above the first scanned path, else defaults.
fn load_config(args: &ScanArgs) -> Result<Config, ConfigError> {
    if args.no_config {
        return Ok(Config::default());
    }
    let path = match &args.config {
        Some(path) => Some(path.clone()),
        None => {
            let start = args
                .paths
                .iter()
                .find(|path| path.as_os_str() != "-")
                .cloned()
                .unwrap_or_else(|| PathBuf::from("."));
            Config::discover(&start)
        }
    };
    match path {
        Some(path) => Config::load(&path),
        None => Ok(Config::default()),
    }
}

/// A configuration error as a code frame at the offending line.
fn render_config_error(error: &ConfigError) -> String {
    let diagnostic = miette::MietteDiagnostic::new(format!(
        "invalid configuration {}: {}",
        error.path.display(),
        error.message
    ))
    .with_labels(
        error
            .span
            .clone()
            .map(|span| miette::LabeledSpan::at(span, "here")),
    );
    let report = miette::Report::new(diagnostic).with_source_code(miette::NamedSource::new(
        error.path.display().to_string(),
        error.text.clone(),
    ));
    let mut out = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = format!("error: {}\n", error.message);
    }
    out
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// The rules to run: those of the rulesets (all rules without one), narrowed by `--select`,
/// minus `--ignore`.
fn select_rules(
    rulesets: &[String],
    select: &[String],
    ignore: &[String],
) -> Result<Vec<&'static dyn Rule>, String> {
    for selector in select.iter().chain(ignore) {
        if !guard::is_guard_selector(selector)
            && !rules::ALL
                .iter()
                .any(|rule| rules::matches(rule.meta(), selector))
        {
            return Err(format!(
                "`{selector}` matches no rule (see `iacguard rules`)"
            ));
        }
    }
    let mut profile_ids = std::collections::BTreeSet::new();
    for name in rulesets {
        let ruleset = Ruleset::load(name)?;
        profile_ids.extend(ruleset.rule_ids().into_iter().map(str::to_string));
    }
    Ok(rules::ALL
        .iter()
        .copied()
        .filter(|rule| rulesets.is_empty() || profile_ids.contains(rule.meta().id))
        .filter(|rule| select.is_empty() || select.iter().any(|s| rules::matches(rule.meta(), s)))
        .filter(|rule| !ignore.iter().any(|s| rules::matches(rule.meta(), s)))
        .collect())
}

/// Writes to standard output; a reader that went away (`iacguard rules | head`) ends the
/// output quietly instead of panicking.
fn print_out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn print_rules(format: ListFormat) {
    match format {
        ListFormat::Text => {
            let mut text = String::new();
            for rule in rules::ALL {
                let meta = rule.meta();
                text.push_str(&format!(
                    "{:<12} {:<9} {:<42} {}\n",
                    meta.id,
                    meta.severity.as_str(),
                    meta.name,
                    meta.refs.join(", ")
                ));
            }
            print_out(&text);
        }
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules::ALL
                .iter()
                .map(|rule| {
                    let meta = rule.meta();
                    let mut formats: Vec<String> = docs::examples(meta.docs)
                        .into_iter()
                        .map(|e| e.format)
                        .collect();
                    formats.sort();
                    formats.dedup();
                    serde_json::json!({
                        "id": meta.id,
                        "name": meta.name,
                        "severity": meta.severity.as_str(),
                        "summary": docs::summary(meta.docs),
                        "fix": meta.fix,
                        "references": meta.refs,
                        "formats": formats,
                    })
                })
                .collect();
            print_out(&(serde_json::to_string_pretty(&list).expect("serializes") + "\n"));
        }
    }
}

/// `iacguard model PATH`: the Guard-facing documents of the scanned files, so users can write
/// Guard rules against them.
fn model(paths: &[PathBuf]) -> ExitCode {
    // The nearest configuration's `[policy]`, as the scan would give it to Guard rules.
    let start = paths
        .iter()
        .find(|path| path.as_os_str() != "-")
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let config = match Config::discover(&start).map(|path| Config::load(&path)) {
        Some(Ok(config)) => config,
        Some(Err(error)) => {
            eprint!("{}", render_config_error(&error));
            return ExitCode::from(2);
        }
        None => Config::default(),
    };
    let options = Options {
        rules: Vec::new(),
        policy: config.policy,
        ..Options::default()
    };
    let scan = scan_paths(paths, &options);
    for notice in &scan.notices {
        eprintln!(
            "{}: {}: {}",
            notice.level.as_str(),
            notice.path,
            notice.message
        );
    }
    let documents = guard::model_documents(&scan.model, &scan.sources, &options.policy);
    print_out(&(serde_json::to_string_pretty(&documents).expect("serializes") + "\n"));
    if scan.incomplete() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn explain(key: &str) -> ExitCode {
    let Some(rule) = rules::find(key) else {
        return usage_error(&format!("no rule `{key}` (see `iacguard rules`)"));
    };
    let meta = rule.meta();
    print_out(&format!(
        "# {} {} ({})\n\n{}\nReferences: {}\n",
        meta.id,
        meta.name,
        meta.severity.as_str(),
        docs::normalize(meta.docs),
        meta.refs.join("; ")
    ));
    ExitCode::SUCCESS
}

//! The `iacguard` command: flags → scan → reports → exit code.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use iacguard::adapt::Inputs;
use iacguard::notice::{Notice, NoticeLevel};
use iacguard::policy::baseline::{self, Baseline};
use iacguard::policy::config::{Config, ConfigError};
use iacguard::policy::diff_base;
use iacguard::policy::exclude::Exclude;
use iacguard::policy::org::OrgPolicy;
use iacguard::policy::ruleset::Ruleset;
use iacguard::report::{self, Format, RenderOptions};
use iacguard::rules::{self, docs, Rule, Severity};
use iacguard::scan::{scan_paths, Options};

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
    /// pod-security-restricted) or a ruleset file; repeatable
    #[arg(long, value_name = "NAME|FILE")]
    ruleset: Vec<String>,
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
    let rules = match select_rules(rulesets, select, &ignore) {
        Ok(rules) => rules,
        Err(message) => return usage_error(&message),
    };
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
                config.approved_registries.clone()
            } else {
                args.approved_registries.clone()
            },
            allowed_regions: config.allowed_regions.clone(),
            required_tags: config.required_tags.clone(),
        },
        inline_suppressions: config.inline_suppressions,
        severity_overrides: config.severity_overrides.clone(),
        exclude,
    };
    let mut scan = scan_paths(&args.paths, &options);
    if let Some(rev) = &args.diff_base {
        let base = match diff_base::scan_at(rev, &args.paths, &options) {
            Ok(base) => base,
            Err(message) => return usage_error(&message),
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
    if let Some(path) = &args.write_baseline {
        if let Err(error) = std::fs::write(path, baseline::write(&scan)) {
            eprintln!("error: cannot write {}: {error}", path.display());
            return ExitCode::from(2);
        }
    }
    if let Some(path) = &args.baseline {
        let baseline = match Baseline::load(path) {
            Ok(baseline) => baseline,
            Err(message) => return usage_error(&message),
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
        if !rules::ALL
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

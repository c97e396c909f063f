//! The `iacguard` command: flags → scan → reports → exit code.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use iacguard::adapt::Inputs;
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
    /// Run the rules of a profile (cis-eks, eks-hardening, pod-security-restricted) or a ruleset
    /// file; repeatable
    #[arg(long, value_name = "NAME|FILE")]
    ruleset: Vec<String>,
    /// Run only these rules: IDs, names or ID prefixes (AWS-EKS, K8S), comma-separated
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Skip these rules: IDs, names or ID prefixes, comma-separated
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Findings below this severity are reported but do not fail the scan
    #[arg(long, value_name = "LEVEL", value_parser = parse_severity, default_value = "low")]
    severity_threshold: Severity,
    /// Exit 0 even when there are findings (an incomplete scan still exits 2)
    #[arg(long)]
    soft_fail: bool,
    /// Files larger than this many bytes are not parsed and make the scan incomplete
    #[arg(long, value_name = "BYTES", default_value_t = iacguard::load::DEFAULT_MAX_FILE_SIZE)]
    max_file_size: u64,
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
    let rules = match select_rules(&args.ruleset, &args.select, &args.ignore) {
        Ok(rules) => rules,
        Err(message) => return usage_error(&message),
    };
    let options = Options {
        rules,
        max_file_size: args.max_file_size,
        inputs: Inputs {
            terraform_vars: args.vars.clone(),
            terraform_var_files: args.var_files.clone(),
            cloudformation_params: args.cfn_params.clone(),
        },
        policy: OrgPolicy {
            approved_registries: args.approved_registries.clone(),
            ..OrgPolicy::default()
        },
    };
    let scan = scan_paths(&args.paths, &options);

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
        .findings
        .iter()
        .any(|finding| finding.rule.severity >= args.severity_threshold);
    if failing && !args.soft_fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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

fn print_rules(format: ListFormat) {
    match format {
        ListFormat::Text => {
            for rule in rules::ALL {
                let meta = rule.meta();
                println!(
                    "{:<12} {:<9} {:<42} {}",
                    meta.id,
                    meta.severity.as_str(),
                    meta.name,
                    meta.refs.join(", ")
                );
            }
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
            println!(
                "{}",
                serde_json::to_string_pretty(&list).expect("serializes")
            );
        }
    }
}

fn explain(key: &str) -> ExitCode {
    let Some(rule) = rules::find(key) else {
        return usage_error(&format!("no rule `{key}` (see `iacguard rules`)"));
    };
    let meta = rule.meta();
    println!("# {} {} ({})\n", meta.id, meta.name, meta.severity.as_str());
    print!("{}", docs::normalize(meta.docs));
    println!("\nReferences: {}", meta.refs.join("; "));
    ExitCode::SUCCESS
}

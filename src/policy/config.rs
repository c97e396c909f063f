//! The configuration file, `.iacguard.toml`: how a team tunes the scanner without forking it.
//!
//! It is found by walking up from the first scanned path, or named with `--config`. Every key
//! is checked: an unknown key, a misspelt rule or a bad value is an error that points at the
//! line in the file, because a setting silently ignored is a security control silently off.
//! Paths in it are relative to the file's directory.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::policy::org::OrgPolicy;
use crate::rules::{self, Severity};
use crate::suppress::InlineMode;

pub const FILE_NAME: &str = ".iacguard.toml";

/// The file as written; see README's "Configuration" for each key.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    rulesets: Vec<Spanned<String>>,
    severity_threshold: Option<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    inline_suppressions: Option<Spanned<String>>,
    /// Rule ID, name or prefix → severity.
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    policy: RawPolicy,
    #[serde(default)]
    terraform: RawTerraform,
    #[serde(default)]
    cloudformation: RawCloudFormation,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    #[serde(default)]
    approved_registries: Vec<String>,
    #[serde(default)]
    allowed_regions: Vec<String>,
    #[serde(default)]
    allowed_locations: Vec<String>,
    #[serde(default)]
    required_tags: Vec<String>,
    #[serde(default)]
    required_labels: Vec<String>,
    #[serde(default)]
    deny_public_ips: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerraform {
    #[serde(default)]
    var_files: Vec<PathBuf>,
    #[serde(default)]
    vars: BTreeMap<String, toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCloudFormation {
    #[serde(default)]
    params: Vec<PathBuf>,
}

/// The configuration, checked and with paths resolved.
#[derive(Debug, Default)]
pub struct Config {
    /// Where it was read from; `None` when there is no file.
    pub path: Option<PathBuf>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub rulesets: Vec<String>,
    pub severity_threshold: Option<Severity>,
    /// Gitignore-style patterns, relative to `root`.
    pub exclude: Vec<String>,
    pub root: PathBuf,
    pub inline_suppressions: InlineMode,
    pub severity_overrides: Vec<(String, Severity)>,
    /// The `[policy]` section: organisation parameters for `ORG-*` rules and `K8S-IMG-003`.
    pub policy: OrgPolicy,
    pub var_files: Vec<PathBuf>,
    /// Terraform variables as `--var` would give them (values in HCL syntax).
    pub vars: Vec<(String, String)>,
    pub cfn_params: Vec<PathBuf>,
}

/// A configuration error with the place in the file it is about.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub text: String,
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl Config {
    /// The nearest `.iacguard.toml` in `start` or its ancestors.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = std::fs::canonicalize(start).ok()?;
        let directory = if start.is_dir() {
            start.as_path()
        } else {
            start.parent()?
        };
        directory
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|error| ConfigError {
            path: path.to_path_buf(),
            text: String::new(),
            span: None,
            message: format!("cannot read the configuration: {error}"),
        })?;
        Config::parse(path, text)
    }

    pub fn parse(path: &Path, text: String) -> Result<Config, ConfigError> {
        let fail = |span: Option<Range<usize>>, message: String| ConfigError {
            path: path.to_path_buf(),
            text: text.clone(),
            span,
            message,
        };
        let raw: Raw = toml::from_str(&text)
            .map_err(|error| fail(error.span(), error.message().to_string()))?;

        for selector in raw.select.iter().chain(&raw.ignore) {
            check_selector(selector).map_err(|m| fail(Some(selector.span()), m))?;
        }
        let root = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
        let mut rulesets = Vec::new();
        for name in &raw.rulesets {
            let mut value = name.get_ref().clone();
            if crate::policy::guard::is_guard(&value) {
                // A Guard file named here is relative to this file, like every path in it.
                if !value.starts_with("guard:") && Path::new(&value).is_relative() {
                    value = root.join(&value).display().to_string();
                }
                crate::policy::guard::GuardFile::load(&value)
                    .map_err(|m| fail(Some(name.span()), m))?;
            } else {
                crate::policy::ruleset::Ruleset::load(&value)
                    .map_err(|m| fail(Some(name.span()), m))?;
            }
            rulesets.push(value);
        }
        let severity_threshold = match &raw.severity_threshold {
            Some(value) => Some(severity(value).map_err(|m| fail(Some(value.span()), m))?),
            None => None,
        };
        let inline_suppressions = match raw.inline_suppressions.as_ref() {
            None => InlineMode::Allow,
            Some(value) => match value.get_ref().as_str() {
                "allow" => InlineMode::Allow,
                "require-reason" => InlineMode::RequireReason,
                "deny" => InlineMode::Deny,
                other => {
                    return Err(fail(
                        Some(value.span()),
                        format!(
                            "`{other}` is not a mode; expected \"allow\", \"require-reason\" or \"deny\""
                        ),
                    ))
                }
            },
        };
        let mut severity_overrides = Vec::new();
        for (key, value) in &raw.severity {
            let key_span = find_key(&text, key).or(Some(value.span()));
            if !crate::policy::guard::is_guard_selector(key)
                && !rules::ALL
                    .iter()
                    .any(|rule| rules::matches(rule.meta(), key))
            {
                return Err(fail(
                    key_span,
                    format!("`{key}` matches no rule (see `iacguard rules`)"),
                ));
            }
            let level = severity(value).map_err(|m| fail(Some(value.span()), m))?;
            severity_overrides.push((key.clone(), level));
        }
        // More specific keys (full IDs) before prefixes, so `K8S-POD-001` beats `K8S`.
        severity_overrides.sort_by_key(|(key, _)| std::cmp::Reverse(key.len()));

        let relative = |p: &PathBuf| {
            if p.is_absolute() {
                p.clone()
            } else {
                root.join(p)
            }
        };
        let vars = raw
            .terraform
            .vars
            .iter()
            .map(|(name, value)| (name.clone(), hcl_literal(value)))
            .collect();
        Ok(Config {
            path: Some(path.to_path_buf()),
            select: raw.select.iter().map(|s| s.get_ref().clone()).collect(),
            ignore: raw.ignore.iter().map(|s| s.get_ref().clone()).collect(),
            rulesets,
            severity_threshold,
            exclude: raw.exclude,
            inline_suppressions,
            severity_overrides,
            policy: OrgPolicy {
                approved_registries: raw.policy.approved_registries,
                allowed_regions: raw.policy.allowed_regions,
                allowed_locations: raw.policy.allowed_locations,
                required_tags: raw.policy.required_tags,
                required_labels: raw.policy.required_labels,
                deny_public_ips: raw.policy.deny_public_ips,
            },
            var_files: raw.terraform.var_files.iter().map(relative).collect(),
            vars,
            cfn_params: raw.cloudformation.params.iter().map(relative).collect(),
            root,
        })
    }
}

fn check_selector(selector: &Spanned<String>) -> Result<(), String> {
    let key = selector.get_ref();
    if crate::policy::guard::is_guard_selector(key)
        || rules::ALL
            .iter()
            .any(|rule| rules::matches(rule.meta(), key))
    {
        Ok(())
    } else {
        Err(format!("`{key}` matches no rule (see `iacguard rules`)"))
    }
}

fn severity(value: &Spanned<String>) -> Result<Severity, String> {
    Severity::parse(value.get_ref()).ok_or_else(|| {
        format!(
            "`{}` is not a severity; expected critical, high, medium or low",
            value.get_ref()
        )
    })
}

/// Where a table key is written, for pointing at a bad rule name in `[severity]`.
fn find_key(text: &str, key: &str) -> Option<Range<usize>> {
    [format!("\"{key}\""), key.to_string()]
        .iter()
        .find_map(|needle| text.find(needle.as_str()).map(|at| at..at + needle.len()))
}

/// A TOML value written as the HCL literal `--var` would take.
fn hcl_literal(value: &toml::Value) -> String {
    match value {
        toml::Value::String(text) => text.clone(),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(n) => n.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(items) => format!(
            "[{}]",
            items.iter().map(quoted).collect::<Vec<_>>().join(", ")
        ),
        toml::Value::Table(table) => format!(
            "{{{}}}",
            table
                .iter()
                .map(|(k, v)| format!("{k} = {}", quoted(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn quoted(value: &toml::Value) -> String {
    match value {
        toml::Value::String(text) => format!("{text:?}"),
        other => hcl_literal(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("/repo/.iacguard.toml"), text.to_string())
    }

    fn line_of(error: &ConfigError) -> usize {
        let start = error.span.clone().expect("a location").start;
        error.text[..start].matches('\n').count() + 1
    }

    #[test]
    fn a_full_configuration_is_read() {
        let config = parse(
            r#"
select = ["AWS-EKS", "K8S"]
ignore = ["AWS-EKS-005"]
rulesets = ["eks-hardening"]
severity_threshold = "medium"
exclude = ["vendor/", "**/*.generated.yaml"]
inline_suppressions = "require-reason"

[severity]
"AWS-EKS-005" = "low"
K8S = "high"

[policy]
approved_registries = ["123456789012.dkr.ecr.eu-west-1.amazonaws.com"]
allowed_regions = ["eu-west-1"]
allowed_locations = ["westeurope"]
required_tags = ["owner"]
required_labels = ["team"]
deny_public_ips = true

[terraform]
var_files = ["env/prod.tfvars"]
vars = { environment = "prod", public = false }

[cloudformation]
params = ["params/prod.json"]
"#,
        )
        .unwrap();
        assert_eq!(config.select, ["AWS-EKS", "K8S"]);
        assert_eq!(config.severity_threshold, Some(Severity::Medium));
        assert_eq!(config.inline_suppressions, InlineMode::RequireReason);
        assert_eq!(config.severity_overrides[0].0, "AWS-EKS-005");
        assert_eq!(config.var_files, [PathBuf::from("/repo/env/prod.tfvars")]);
        assert_eq!(
            config.vars,
            [
                ("environment".to_string(), "prod".to_string()),
                ("public".to_string(), "false".to_string())
            ]
        );
        assert_eq!(config.cfn_params, [PathBuf::from("/repo/params/prod.json")]);
        assert_eq!(config.policy.allowed_locations, ["westeurope"]);
        assert_eq!(config.policy.required_labels, ["team"]);
        assert!(config.policy.deny_public_ips);
    }

    #[test]
    fn unknown_keys_and_bad_values_point_at_their_line() {
        let error = parse("select = [\"K8S\"]\nseverity_treshold = \"high\"\n").unwrap_err();
        assert!(
            error.message.contains("severity_treshold"),
            "{}",
            error.message
        );
        assert_eq!(line_of(&error), 2);

        let error = parse("\n\nselect = [\"AWS-EKS-999\"]\n").unwrap_err();
        assert!(error.message.contains("AWS-EKS-999"));
        assert_eq!(line_of(&error), 3);

        let error = parse("severity_threshold = \"urgent\"\n").unwrap_err();
        assert!(error.message.contains("urgent"));

        let error = parse("inline_suppressions = \"sometimes\"\n").unwrap_err();
        assert!(error.message.contains("sometimes"));

        let error = parse("[policy]\napproved_registry = []\n").unwrap_err();
        assert_eq!(line_of(&error), 2);

        let error = parse("[severity]\nNOPE-1 = \"low\"\n").unwrap_err();
        assert_eq!(line_of(&error), 2);

        let error = parse("rulesets = [\"no-such-profile\"]\n").unwrap_err();
        assert_eq!(line_of(&error), 1);
    }
}

//! One suppression directive, parsed from a comment, a CloudFormation `Metadata` entry or a
//! Kubernetes annotation, whichever tool's syntax it is written in.
//!
//! Our own form is `iacguard:ignore RULE[,RULE...] [until=YYYY-MM-DD] reason`. The migration
//! forms are `checkov:skip=CKV_AWS_58:reason` and `trivy:ignore:AVD-AWS-0039[:exp:YYYY-MM-DD]`;
//! their IDs are translated through [`super::foreign`].

use super::date::Date;

/// Which tool's syntax a directive was written in; shown to users so they know which comment
/// silenced a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Iacguard,
    Checkov,
    Trivy,
    CfnNag,
    CfnLint,
    KubeLinter,
}

impl Dialect {
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Iacguard => "iacguard",
            Dialect::Checkov => "checkov",
            Dialect::Trivy => "trivy",
            Dialect::CfnNag => "cfn_nag",
            Dialect::CfnLint => "cfn-lint",
            Dialect::KubeLinter => "kube-linter",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub dialect: Dialect,
    /// Rule keys as written: our IDs, names or prefixes, or the other tool's IDs.
    pub rules: Vec<String>,
    /// Empty when none was given.
    pub reason: String,
    pub until: Option<Date>,
}

/// Finds every directive in one comment's text (the text after `#` or `//`).
pub fn in_comment(comment: &str) -> Vec<Directive> {
    let mut found = Vec::new();
    if let Some(rest) = after_marker(comment, "iacguard:ignore") {
        found.extend(iacguard(rest));
    }
    let mut rest = comment;
    while let Some(after) = after_marker(rest, "checkov:skip=") {
        let (directive, remaining) = checkov(after);
        found.extend(directive);
        rest = remaining;
    }
    let mut rest = comment;
    while let Some(after) = after_marker(rest, "trivy:ignore:") {
        let (directive, remaining) = trivy(after);
        found.extend(directive);
        rest = remaining;
    }
    found
}

fn after_marker<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    text.find(marker).map(|at| &text[at + marker.len()..])
}

/// `RULE[,RULE...] [until=YYYY-MM-DD] reason...`
fn iacguard(rest: &str) -> Option<Directive> {
    let rest = rest.trim_start_matches(':').trim_start();
    let (list, mut tail) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let rules: Vec<String> = list
        .split(',')
        .map(str::trim)
        .filter(|key| !key.is_empty())
        .map(str::to_string)
        .collect();
    if rules.is_empty() {
        return None;
    }
    let mut until = None;
    tail = tail.trim_start();
    if let Some(date) = tail.strip_prefix("until=") {
        let (date, after) = date.split_once(char::is_whitespace).unwrap_or((date, ""));
        until = Date::parse(date);
        tail = after;
    }
    Some(Directive {
        dialect: Dialect::Iacguard,
        rules,
        reason: clean_reason(tail),
        until,
    })
}

/// `CKV_AWS_58:reason`, possibly followed by more text or another directive.
fn checkov(rest: &str) -> (Option<Directive>, &str) {
    let end = rest.find("checkov:skip=").unwrap_or(rest.len());
    let (this, remaining) = rest.split_at(end);
    let (id, reason) = this.split_once(':').unwrap_or((this, ""));
    let id = id.trim();
    if id.is_empty() {
        return (None, remaining);
    }
    let directive = Directive {
        dialect: Dialect::Checkov,
        rules: vec![id.to_string()],
        reason: clean_reason(reason),
        until: None,
    };
    (Some(directive), remaining)
}

/// `AVD-AWS-0039[:exp:YYYY-MM-DD]`, one per marker; Trivy has no reason field, so the rest of
/// the comment serves as one.
fn trivy(rest: &str) -> (Option<Directive>, &str) {
    let end = rest.find("trivy:ignore:").unwrap_or(rest.len());
    let (this, remaining) = rest.split_at(end);
    let (token, reason) = this.split_once(char::is_whitespace).unwrap_or((this, ""));
    let (id, until) = match token.split_once(":exp:") {
        Some((id, date)) => (id, Date::parse(date)),
        None => (token, None),
    };
    if id.is_empty() {
        return (None, remaining);
    }
    let directive = Directive {
        dialect: Dialect::Trivy,
        rules: vec![id.to_string()],
        reason: clean_reason(reason),
        until,
    };
    (Some(directive), remaining)
}

/// Reasons are free text; separators people put before them are not part of it.
fn clean_reason(text: &str) -> String {
    text.trim()
        .trim_start_matches(['-', ':', '—'])
        .trim()
        .to_string()
}

/// A Kubernetes annotation value of ours or kube-linter's: `reason [until=YYYY-MM-DD]`.
pub fn annotation(dialect: Dialect, rule: &str, value: &str) -> Directive {
    let (reason, until) = match value.rsplit_once("until=") {
        Some((reason, date)) if Date::parse(date.trim()).is_some() => {
            (reason, Date::parse(date.trim()))
        }
        _ => (value, None),
    };
    Directive {
        dialect,
        rules: vec![rule.to_string()],
        reason: clean_reason(reason),
        until,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iacguard_form_with_rules_expiry_and_reason() {
        let found = in_comment(
            " iacguard:ignore AWS-EKS-002,AWS-EKS-003 until=2027-03-31 bastion-only access",
        );
        assert_eq!(
            found,
            vec![Directive {
                dialect: Dialect::Iacguard,
                rules: vec!["AWS-EKS-002".into(), "AWS-EKS-003".into()],
                reason: "bastion-only access".into(),
                until: Date::parse("2027-03-31"),
            }]
        );
        let bare = in_comment("iacguard:ignore K8S-POD-001");
        assert_eq!(bare[0].reason, "");
        assert!(in_comment("iacguard:ignore").is_empty());
    }

    #[test]
    fn checkov_and_trivy_forms() {
        let found = in_comment(" checkov:skip=CKV_AWS_58:keys managed elsewhere");
        assert_eq!(found[0].dialect, Dialect::Checkov);
        assert_eq!(found[0].rules, vec!["CKV_AWS_58"]);
        assert_eq!(found[0].reason, "keys managed elsewhere");

        let found = in_comment("trivy:ignore:AVD-AWS-0039:exp:2025-01-02 legacy");
        assert_eq!(found[0].rules, vec!["AVD-AWS-0039"]);
        assert_eq!(found[0].until, Date::parse("2025-01-02"));
        assert_eq!(found[0].reason, "legacy");

        let two = in_comment("trivy:ignore:AVD-AWS-0039 trivy:ignore:AVD-AWS-0040");
        assert_eq!(two.len(), 2);
    }

    #[test]
    fn annotations_take_an_optional_expiry() {
        let d = annotation(
            Dialect::Iacguard,
            "K8S-POD-001",
            "node agent until=2027-01-01",
        );
        assert_eq!(d.reason, "node agent");
        assert_eq!(d.until, Date::parse("2027-01-01"));
    }
}

//! The rule declaration macro and the traits every rule implements.

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::Resource;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text))
    }

    /// The CVSS-like score GitHub code scanning reads from `security-severity`.
    pub fn score(self) -> &'static str {
        match self {
            Severity::Critical => "9.5",
            Severity::High => "8.0",
            Severity::Medium => "5.5",
            Severity::Low => "2.0",
        }
    }
}

/// What a rule is, independent of what it checks.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable ID such as `AWS-EKS-002`.
    pub id: &'static str,
    /// Kebab-case name such as `eks-public-endpoint`.
    pub name: &'static str,
    pub severity: Severity,
    /// Benchmark controls and identifiers: CIS sections, CCE ids, NIST 800-53 controls.
    pub refs: &'static [&'static str],
    /// The fix in one line, shown as `help:` under each finding.
    pub fix: &'static str,
    /// The rule's Markdown documentation, from its doc comment.
    pub docs: &'static str,
}

/// Implemented by [`declare_rule!`].
pub trait Declared {
    fn metadata(&self) -> &'static RuleMeta;
}

/// Implemented by each rule file: look at one resource (and, when the question spans the scan,
/// at the [`Context`]), report what is wrong with it.
pub trait Check {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter);
}

/// A declared, checkable rule, as the registry holds it.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter);
}

impl<T: Declared + Check + Sync> Rule for T {
    fn meta(&self) -> &'static RuleMeta {
        Declared::metadata(self)
    }
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        Check::check(self, resource, cx, out)
    }
}

/// Declares a rule: its doc comment becomes its documentation (and its tested examples), the
/// fields its metadata.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        $vis:vis $name:ident {
            id: $id:literal,
            name: $rule_name:literal,
            severity: $severity:ident,
            refs: [$($reference:literal),* $(,)?],
            fix: $fix:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        $vis struct $name;

        impl $crate::rules::Declared for $name {
            fn metadata(&self) -> &'static $crate::rules::RuleMeta {
                static META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                    id: $id,
                    name: $rule_name,
                    severity: $crate::rules::Severity::$severity,
                    refs: &[$($reference),*],
                    fix: $fix,
                    docs: concat!($($doc, "\n"),+),
                };
                &META
            }
        }
    };
}

//! Amazon ECR: repositories (`aws_ecr_repository`, `AWS::ECR::Repository`), repository
//! policies (`aws_ecr_repository_policy`, or `RepositoryPolicyText` on the CloudFormation
//! repository) and registry-wide scanning (`aws_ecr_registry_scanning_configuration`,
//! `AWS::ECR::RegistryScanningConfiguration`).

use super::elb::Target;
use super::iam::Document;
use crate::model::{Attr, Val};
use crate::source::Span;

#[derive(Debug)]
pub struct Repository {
    /// The repository name, when written.
    pub name: Option<Val<String>>,
    /// Whether images are scanned when pushed (default: no).
    pub scan_on_push: Val<bool>,
    /// `MUTABLE` (default), `IMMUTABLE`, or their `_WITH_EXCLUSION` forms.
    pub tag_mutability: Val<String>,
    /// `AES256` (default) or `KMS` / `KMS_DSSE`.
    pub encryption_type: Val<String>,
    /// The repository policy written on the repository itself (CloudFormation).
    pub policy: Option<Document>,
}

/// A repository policy as a resource of its own.
#[derive(Debug)]
pub struct RepositoryPolicy {
    pub document: Document,
    /// The repository it applies to.
    pub repository: Target,
}

/// Registry-wide scanning rules: they apply to every repository whose name matches a filter.
#[derive(Debug)]
pub struct RegistryScanning {
    pub rules: Vec<ScanRule>,
}

#[derive(Debug)]
pub struct ScanRule {
    pub span: Span,
    /// `SCAN_ON_PUSH`, `CONTINUOUS_SCAN` or `MANUAL`.
    pub frequency: Val<String>,
    /// Repository name filters, with `*` wildcards.
    pub filters: Val<Vec<Val<String>>>,
}

impl RegistryScanning {
    /// Whether some rule may scan `repository` on push (or continuously): a rule known to
    /// scan whose filters may match its name. Unknown frequencies, filters or names count
    /// as matching, so they never produce a finding.
    pub fn may_scan(&self, repository: Option<&str>) -> bool {
        self.rules.iter().any(|rule| {
            let scans = rule
                .frequency
                .get()
                .is_none_or(|f| f == "SCAN_ON_PUSH" || f == "CONTINUOUS_SCAN");
            let matches = match rule.filters.get() {
                None => true,
                Some(filters) => filters
                    .iter()
                    .any(|filter| match (filter.get(), repository) {
                        (Some(pattern), Some(name)) => wildcard_match(pattern, name),
                        _ => true,
                    }),
            };
            scans && matches
        })
    }
}

/// ECR's filter syntax: `*` matches any run of characters, everything else itself.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return pattern == text;
    };
    if parts.len() == 1 {
        return pattern == text;
    }
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

pub const SCAN_ON_PUSH: Attr = Attr {
    id: "scan_on_push",
    terraform: "image_scanning_configuration.scan_on_push",
    cloudformation: "ImageScanningConfiguration.ScanOnPush",
    kubernetes: "scan_on_push",
};
pub const TAG_MUTABILITY: Attr = Attr {
    id: "image_tag_mutability",
    terraform: "image_tag_mutability",
    cloudformation: "ImageTagMutability",
    kubernetes: "image_tag_mutability",
};
pub const ENCRYPTION_TYPE: Attr = Attr {
    id: "encryption_type",
    terraform: "encryption_configuration.encryption_type",
    cloudformation: "EncryptionConfiguration.EncryptionType",
    kubernetes: "encryption_type",
};
pub const POLICY: Attr = Attr {
    id: "repository_policy",
    terraform: "policy",
    cloudformation: "RepositoryPolicyText",
    kubernetes: "policy",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_filters() {
        assert!(wildcard_match("*", "anything"));
        assert!(wildcard_match("prod-*", "prod-api"));
        assert!(!wildcard_match("prod-*", "dev-api"));
        assert!(wildcard_match("*-api", "prod-api"));
        assert!(wildcard_match("a*b*c", "a-b-c"));
        assert!(!wildcard_match("a*b*c", "a-c"));
        assert!(!wildcard_match("ab*ba", "aba"));
        assert!(wildcard_match("app", "app"));
        assert!(!wildcard_match("app", "apps"));
    }
}

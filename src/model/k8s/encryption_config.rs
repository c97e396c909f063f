//! `EncryptionConfiguration` (`apiserver.config.k8s.io`): how the API server encrypts resources
//! such as Secrets before writing them to etcd.

use crate::model::Val;
use crate::source::Span;

#[derive(Debug)]
pub struct EncryptionConfig {
    /// The file's path as reported (relative, `/`-separated), so that the API server's
    /// `--encryption-provider-config` can be matched to it.
    pub path: String,
    pub rules: Vec<EncryptionRule>,
}

impl EncryptionConfig {
    /// The provider that encrypts new Secrets: the first one of the entry covering them.
    /// `None` when no entry covers Secrets or it lists no provider (Secrets stay plain text).
    pub fn secrets_provider(&self) -> Option<&Val<String>> {
        self.rules
            .iter()
            .find(|rule| rule.covers_secrets())?
            .providers
            .first()
    }
}

/// One entry of `resources:`: which resources, and the providers tried in order (the first one
/// encrypts new writes).
#[derive(Debug)]
pub struct EncryptionRule {
    pub span: Span,
    pub resources: Vec<Val<String>>,
    /// Provider names (`kms`, `aescbc`, `identity`, ...), each spanned at its key.
    pub providers: Vec<Val<String>>,
    /// The `providers:` list, for findings about what it lacks.
    pub providers_span: Span,
}

impl EncryptionRule {
    /// Whether the entry applies to core Secrets (`secrets`, `*.`, `*.*`).
    pub fn covers_secrets(&self) -> bool {
        self.resources
            .iter()
            .any(|r| matches!(r.get().map(String::as_str), Some("secrets" | "*." | "*.*")))
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags `EncryptionConfiguration` files in which Secrets are not encrypted by a `kms`
    /// provider, or are written in plain text because `identity` comes first.
    ///
    /// ## Why is this bad?
    /// The first provider listed encrypts new writes. `identity` stores plain text; `aescbc`,
    /// `aesgcm` and `secretbox` keep their key in the same file on the control-plane node, so
    /// anyone who can read the node's disk or backups can decrypt etcd. A `kms` provider keeps
    /// the key encryption key in a KMS, outside the cluster.
    ///
    /// ## How to fix
    /// Put a `kms` provider (API version v2) first in the providers list for `secrets`; keep
    /// older providers after it only while existing data is re-encrypted.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: apiserver.config.k8s.io/v1
    /// kind: EncryptionConfiguration
    /// resources:
    ///   - resources: [secrets]
    ///     providers:
    ///       - identity: {}
    ///       - aescbc:
    ///           keys:
    ///             - name: key1
    ///               secret: c2VjcmV0IGlzIHNlY3VyZQ==
    /// ```
    /// ```k8s,good
    /// apiVersion: apiserver.config.k8s.io/v1
    /// kind: EncryptionConfiguration
    /// resources:
    ///   - resources: [secrets]
    ///     providers:
    ///       - kms:
    ///           apiVersion: v2
    ///           name: aws-encryption-provider
    ///           endpoint: unix:///var/run/kmsplugin/socket.sock
    ///       - identity: {}
    /// ```
    ///
    /// ## References
    /// - [Using a KMS provider for data encryption](https://kubernetes.io/docs/tasks/administer-cluster/kms-provider/)
    /// - CIS Kubernetes Benchmark v1.8, 1.2.31; EKS hardening CCE-90708-9; NIST 800-53 SC-28, SC-12
    pub EncryptionConfigWithoutKms {
        id: "K8S-CP-004",
        name: "encryption-config-without-kms",
        severity: High,
        refs: ["CIS Kubernetes 1.2.31", "CCE-90708-9", "NIST 800-53 SC-28", "NIST 800-53 SC-12"],
        fix: "list a `kms` provider first for `secrets`",
    }
}

impl Check for EncryptionConfigWithoutKms {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::EncryptionConfig(config) = &resource.kind else {
            return;
        };
        let Some(rule) = config.rules.iter().find(|rule| rule.covers_secrets()) else {
            out.report_at(
                resource.header,
                "resources",
                "no entry covers `secrets`, so Secrets are stored in plain text",
            );
            return;
        };
        let Some(first) = rule.providers.first() else {
            out.report_at(
                rule.providers_span,
                "providers",
                "the entry for `secrets` lists no provider",
            );
            return;
        };
        match first.get().map(String::as_str) {
            Some("kms") | None => {}
            Some("identity") => out.report_at(
                first.span(),
                "providers",
                "`identity` is the first provider for `secrets`: new Secrets are written in plain text",
            ),
            Some(other) => out.report_at(
                first.span(),
                "providers",
                format!("Secrets are encrypted by `{other}`, whose key sits on the node, not by a `kms` provider"),
            ),
        }
    }
}

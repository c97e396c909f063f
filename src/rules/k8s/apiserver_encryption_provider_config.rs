use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::{EncryptionConfig, Flag};
use crate::model::{Attr, How, Kind, Resource};
use crate::parse::Via;
use crate::rules::k8s::flags::component;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kube-apiserver configurations without `--encryption-provider-config`, and, when
    /// the file it names is part of the scan (matched by the end of its path), configurations
    /// whose first provider for Secrets is not `kms`.
    ///
    /// ## Why is this bad?
    /// Without an encryption configuration the API server writes Secrets to etcd as plain
    /// base64. Whoever reads etcd, its backups or the disks under it reads every password,
    /// token and key in the cluster.
    ///
    /// ## How to fix
    /// Write an `EncryptionConfiguration` whose first provider for `secrets` is `kms` (see
    /// `K8S-CP-004`) and pass its path with `--encryption-provider-config`.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: kube-apiserver
    ///   namespace: kube-system
    /// spec:
    ///   containers:
    ///     - name: kube-apiserver
    ///       image: registry.k8s.io/kube-apiserver:v1.30.0
    ///       command: ["kube-apiserver", "--anonymous-auth=false"]
    /// ```
    /// ```k8s,good
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: kube-apiserver
    ///   namespace: kube-system
    /// spec:
    ///   containers:
    ///     - name: kube-apiserver
    ///       image: registry.k8s.io/kube-apiserver:v1.30.0
    ///       command:
    ///         - kube-apiserver
    ///         - --encryption-provider-config=/etc/kubernetes/enc/encryption.yaml
    /// ```
    ///
    /// ## References
    /// - [Encrypting confidential data at rest](https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/)
    /// - CIS Kubernetes Benchmark v1.8, 1.2.30; NIST 800-53 SC-28
    pub ApiserverEncryptionProviderConfig {
        id: "K8S-CP-003",
        name: "apiserver-no-encryption-provider-config",
        severity: High,
        refs: ["CIS Kubernetes 1.2.30", "CIS Kubernetes 1.2.31", "NIST 800-53 SC-28"],
        fix: "pass an EncryptionConfiguration that lists `kms` first with `--encryption-provider-config`",
    }
}

const ENCRYPTION_PROVIDER_CONFIG: Attr = Attr::uniform("--encryption-provider-config");

impl Check for ApiserverEncryptionProviderConfig {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Some(plane) = component(resource, "kube-apiserver") else {
            return;
        };
        let Some(flag) = plane.flag("encryption-provider-config") else {
            out.report_missing(
                &ENCRYPTION_PROVIDER_CONFIG,
                "Secrets are stored unencrypted in etcd: `--encryption-provider-config` is not set",
            );
            return;
        };
        match flag.value_str() {
            Some("") => out.report_at(
                flag.span,
                ENCRYPTION_PROVIDER_CONFIG.id,
                "`--encryption-provider-config` is empty",
            ),
            Some(path) => check_named_file(path, flag, cx, out),
            None => {}
        }
    }
}

/// When the file the flag names is part of the scan, judges what it configures: Secrets must
/// be encrypted by a `kms` provider. Files are matched by the longest common ending of their
/// paths (`/etc/kubernetes/enc/encryption.yaml` matches `nodes/enc/encryption.yaml`); if
/// several match equally well and one of them is fine, nothing is reported.
fn check_named_file(path: &str, flag: &Flag, cx: &Context, out: &mut Reporter) {
    let mut best = 0;
    let mut candidates: Vec<&EncryptionConfig> = Vec::new();
    for other in cx.resources {
        let Kind::EncryptionConfig(config) = &other.kind else {
            continue;
        };
        let common = common_suffix(path, &config.path);
        if common == 0 || common < best {
            continue;
        }
        if common > best {
            best = common;
            candidates.clear();
        }
        candidates.push(config);
    }
    let Some(first) = candidates.first() else {
        return;
    };
    // Fine when one of them encrypts with `kms`; not judged when a provider name is unknown.
    let acceptable = |config: &EncryptionConfig| match config.secrets_provider() {
        Some(provider) => provider.get().is_none_or(|name| name == "kms"),
        None => false,
    };
    if candidates.iter().any(|config| acceptable(config)) {
        return;
    }
    let (note, what) = match first.secrets_provider() {
        Some(provider) => (
            (
                provider.span(),
                "the first provider for `secrets` is here".to_string(),
            ),
            format!(
                "`{}` comes first for `secrets`",
                provider.get().map_or("unknown", String::as_str)
            ),
        ),
        None => (
            (
                first.rules.first().map_or(flag.span, |rule| rule.span),
                "the configuration named by the flag".to_string(),
            ),
            "no provider covers `secrets`".to_string(),
        ),
    };
    let Some(value) = &flag.value else {
        return;
    };
    let mut value = value.clone();
    value.origin.how = How::Derived(vec![Via {
        span: note.0,
        note: note.1,
    }]);
    out.report_value(
        &ENCRYPTION_PROVIDER_CONFIG,
        &value,
        format!(
            "Secrets are not encrypted with a KMS key: in `{}`, which this flag names, {what}",
            first.path
        ),
    );
}

/// How many trailing path components two paths share.
fn common_suffix(a: &str, b: &str) -> usize {
    a.rsplit('/')
        .zip(b.rsplit('/'))
        .take_while(|(x, y)| x == y && !x.is_empty())
        .count()
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags `Secret` manifests that carry their values (`data` or `stringData`) in the
    /// repository.
    ///
    /// ## Why is this bad?
    /// `data` is only base64, not encryption: everyone who can read the repository, its forks,
    /// its CI logs and its history can read the secret, and removing it later does not remove
    /// it from history.
    ///
    /// ## How to fix
    /// Keep the value in a secret store and deliver it with the External Secrets Operator, the
    /// Secrets Store CSI driver (AWS Secrets Manager, Azure Key Vault) or Sealed Secrets; commit
    /// only the reference. Rotate any secret that was ever committed.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: v1
    /// kind: Secret
    /// metadata:
    ///   name: db
    ///   namespace: shop
    /// type: Opaque
    /// stringData:
    ///   password: hunter2
    /// ```
    /// ```k8s,good
    /// apiVersion: external-secrets.io/v1beta1
    /// kind: ExternalSecret
    /// metadata:
    ///   name: db
    ///   namespace: shop
    /// spec:
    ///   secretStoreRef:
    ///     name: aws-secrets-manager
    ///     kind: ClusterSecretStore
    ///   target:
    ///     name: db
    ///   data:
    ///     - secretKey: password
    ///       remoteRef:
    ///         key: shop/db
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_secret" "db" {
    ///   metadata {
    ///     name      = "db"
    ///     namespace = "shop"
    ///   }
    ///   data = {
    ///     password = "hunter2"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// variable "db_password" {
    ///   type      = string
    ///   sensitive = true
    /// }
    ///
    /// resource "kubernetes_secret" "db" {
    ///   metadata {
    ///     name      = "db"
    ///     namespace = "shop"
    ///   }
    ///   data = {
    ///     password = var.db_password
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Good practices for Kubernetes Secrets](https://kubernetes.io/docs/concepts/security/secrets-good-practices/)
    /// - CIS Kubernetes Benchmark 5.4.2; NIST 800-53 IA-5(7), SC-28
    pub PlaintextSecret {
        id: "K8S-SEC-001",
        name: "plaintext-secret-manifest",
        severity: High,
        refs: ["CIS Kubernetes 5.4.2", "NIST 800-53 IA-5(7)", "NIST 800-53 SC-28"],
        fix: "deliver the value from a secret store (External Secrets, Secrets Store CSI, Sealed Secrets)",
    }
}

impl Check for PlaintextSecret {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Secret(secret) = &resource.kind else {
            return;
        };
        for section in &secret.sections {
            let encoding = if section.name == "data" {
                "base64-encoded, not encrypted"
            } else {
                "in plain text"
            };
            out.report_at(
                section.key_span,
                &section.name,
                format!(
                    "the Secret's `{}` holds {} committed {encoding}: {}",
                    section.name,
                    plural(section.keys.len()),
                    section.keys.join(", ")
                ),
            );
        }
    }
}

fn plural(count: usize) -> String {
    if count == 1 {
        "1 value".to_string()
    } else {
        format!("{count} values")
    }
}

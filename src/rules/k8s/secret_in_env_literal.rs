use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::ENV;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags environment variables whose name says they hold a secret (`PASSWORD`, `PASSWD`,
    /// `SECRET`, `TOKEN`, `API_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`, `CREDENTIALS`, ...) and whose
    /// value is written in the manifest (`value:`) instead of coming from a Secret
    /// (`valueFrom`). Names that describe a secret rather than hold one (`TOKEN_URL`,
    /// `SECRET_NAME`, `PASSWORD_FILE`, `ACCESS_KEY_ID`, ...) and `$(VAR)` references are not
    /// flagged. The value is never repeated in the report.
    ///
    /// ## Why is this bad?
    /// The secret is in the repository, its history, its forks and every CI log that prints
    /// the manifest, and anyone who can read the Deployment in the cluster (`get` on
    /// deployments is far more widely granted than on secrets) can read it too.
    ///
    /// ## How to fix
    /// Move the value into a secret store and reference it: `valueFrom.secretKeyRef` to a
    /// Secret created by the External Secrets Operator or the Secrets Store CSI driver, or
    /// better, mount it as a file. Rotate the exposed secret.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: registry.example.com/web:1.4.2
    ///           env:
    ///             - name: DB_PASSWORD
    ///               value: hunter2
    /// ```
    /// ```k8s,good
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: registry.example.com/web:1.4.2
    ///           env:
    ///             - name: DB_PASSWORD_FILE
    ///               value: /run/secrets/db/password
    ///             - name: DB_PASSWORD
    ///               valueFrom:
    ///                 secretKeyRef: {name: web-db, key: password}
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_deployment_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         container {
    ///           name  = "web"
    ///           image = "registry.example.com/web:1.4.2"
    ///           env {
    ///             name  = "DB_PASSWORD"
    ///             value = "hunter2"
    ///           }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_deployment_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         container {
    ///           name  = "web"
    ///           image = "registry.example.com/web:1.4.2"
    ///           env {
    ///             name  = "DB_PASSWORD_FILE"
    ///             value = "/run/secrets/db/password"
    ///           }
    ///           env {
    ///             name = "DB_PASSWORD"
    ///             value_from {
    ///               secret_key_ref {
    ///                 name = "web-db"
    ///                 key  = "password"
    ///               }
    ///             }
    ///           }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Secrets: using Secrets as environment variables](https://kubernetes.io/docs/concepts/configuration/secret/)
    /// - CWE-798; NIST 800-53 IA-5(7)
    pub SecretInEnvLiteral {
        id: "K8S-SEC-002",
        name: "secret-in-env-literal",
        severity: High,
        refs: ["CWE-798", "NIST 800-53 IA-5(7)"],
        fix: "take the value from a Secret (`valueFrom.secretKeyRef`) or a mounted file, and rotate it",
    }
}

/// Words that make a variable name a secret's, compared without case and separators.
const SECRET_WORDS: [&str; 11] = [
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "privatekey",
    "accesskey",
    "secretkey",
    "credential",
    "clientsecret",
    "connectionstring",
];

/// Endings that make the variable describe a secret (where it is, what it is called, how long
/// it lives) rather than hold it.
const DESCRIPTIVE_ENDINGS: [&str; 24] = [
    "url",
    "uri",
    "path",
    "file",
    "dir",
    "ttl",
    "timeout",
    "endpoint",
    "host",
    "port",
    "name",
    "id",
    "arn",
    "ref",
    "type",
    "length",
    "expiry",
    "expiration",
    "enabled",
    "version",
    "header",
    "location",
    "region",
    "mount",
];

/// Whether an environment variable's name says it holds a secret.
pub fn secret_name(name: &str) -> bool {
    let compact: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    SECRET_WORDS.iter().any(|word| compact.contains(word))
        && !DESCRIPTIVE_ENDINGS
            .iter()
            .any(|ending| compact.ends_with(ending))
}

/// Whether a literal looks like a real value rather than a placeholder for another variable.
fn literal_value(value: &str) -> bool {
    let value = value.trim();
    let reference = value.starts_with("$(") && value.ends_with(')');
    let flag = value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("false");
    !(value.is_empty() || reference || flag)
}

impl Check for SecretInEnvLiteral {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for container in &workload.pod.containers {
            for var in &container.env {
                let (Some(name), Some(value)) = (var.name.get(), &var.value) else {
                    continue;
                };
                if secret_name(name) && value.get().is_some_and(|text| literal_value(text)) {
                    out.report_value(
                        &ENV,
                        value,
                        format!(
                            "{} gets the secret `{name}` as a literal value in the manifest",
                            container.describe()
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::secret_name;

    #[test]
    fn secret_names_are_told_from_names_about_secrets() {
        for name in [
            "DB_PASSWORD",
            "dbPassword",
            "API_KEY",
            "GITHUB_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "STRIPE_SECRET",
            "private-key",
            "OAUTH_CLIENT_SECRET",
        ] {
            assert!(secret_name(name), "{name}");
        }
        for name in [
            "TOKEN_URL",
            "SECRET_NAME",
            "PASSWORD_FILE",
            "AWS_ACCESS_KEY_ID",
            "PWD",
            "LOG_LEVEL",
            "tokenTtl",
        ] {
            assert!(!secret_name(name), "{name}");
        }
    }
}

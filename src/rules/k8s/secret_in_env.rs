use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::{ENV, ENV_FROM};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Secrets handed to containers as environment variables, through
    /// `env[*].valueFrom.secretKeyRef` or `envFrom[*].secretRef`. Informational: it is far
    /// better than a literal (see K8S-SEC-002), but files are better still.
    ///
    /// ## Why is this bad?
    /// Environment variables leak: they are inherited by every child process, printed by crash
    /// reporters, debug endpoints and `env` in support sessions, visible in
    /// `/proc/<pid>/environ` to anything sharing the process namespace, and never refreshed
    /// when the Secret rotates. Secrets mounted as files have none of these problems.
    ///
    /// ## How to fix
    /// Mount the Secret as a volume (`secret` or a `projected` volume) with `readOnly: true`
    /// and have the application read the file (many accept a `*_FILE` variable that points to
    /// it).
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
    ///           envFrom:
    ///             - secretRef:
    ///                 name: web-db
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
    ///           volumeMounts:
    ///             - name: db
    ///               mountPath: /run/secrets/db
    ///               readOnly: true
    ///       volumes:
    ///         - name: db
    ///           secret:
    ///             secretName: web-db
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
    ///           env_from {
    ///             secret_ref {
    ///               name = "web-db"
    ///             }
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
    ///           volume_mount {
    ///             name       = "db"
    ///             mount_path = "/run/secrets/db"
    ///             read_only  = true
    ///           }
    ///         }
    ///         volume {
    ///           name = "db"
    ///           secret {
    ///             secret_name = "web-db"
    ///           }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Secrets: good practices](https://kubernetes.io/docs/concepts/security/secrets-good-practices/)
    /// - CIS Kubernetes Benchmark 5.4.1; CIS Amazon EKS Benchmark 4.4.1; NIST 800-53 SC-28
    pub SecretInEnv {
        id: "K8S-SEC-003",
        name: "secret-in-env",
        severity: Low,
        refs: ["CIS Kubernetes 5.4.1", "CIS EKS 4.4.1", "NIST 800-53 SC-28"],
        fix: "mount the Secret as a read-only volume and read it from a file",
    }
}

impl Check for SecretInEnv {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for container in &workload.pod.containers {
            for var in &container.env {
                if let Some(span) = var.secret_ref {
                    let name = var.name.get().map_or("?", String::as_str);
                    out.report_at(
                        span,
                        ENV.id,
                        format!(
                            "{} gets the Secret value `{name}` as an environment variable",
                            container.describe()
                        ),
                    );
                }
            }
            for span in &container.env_from_secrets {
                out.report_at(
                    *span,
                    ENV_FROM.id,
                    format!(
                        "{} gets a whole Secret as environment variables (envFrom)",
                        container.describe()
                    ),
                );
            }
        }
    }
}

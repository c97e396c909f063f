use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Resource};
use crate::rules::k8s::flags::{component, report_flag};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kube-apiserver configurations that keep no audit log: no `--audit-log-path` (nor
    /// an audit webhook), a log without `--audit-policy-file` (which records nothing), or a
    /// log whose retention is set below 30 days (`--audit-log-maxage`), 10 files
    /// (`--audit-log-maxbackup`) or 100 MB per file (`--audit-log-maxsize`).
    ///
    /// ## Why is this bad?
    /// The audit log is the record of who did what through the API: which token read a
    /// Secret, who created the privileged pod. Without it, or with only a few hours of it, an
    /// incident cannot be investigated. Retention settings left unset keep every file, so only
    /// values written below the benchmark's minimum are reported.
    ///
    /// ## How to fix
    /// Set `--audit-policy-file` and `--audit-log-path` (or `--audit-webhook-config-file`),
    /// and keep `--audit-log-maxage` ≥ 30, `--audit-log-maxbackup` ≥ 10 and
    /// `--audit-log-maxsize` ≥ 100 when you set them.
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
    ///       command:
    ///         - kube-apiserver
    ///         - --audit-policy-file=/etc/kubernetes/audit/policy.yaml
    ///         - --audit-log-path=/var/log/kubernetes/audit.log
    ///         - --audit-log-maxage=7
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
    ///         - --audit-policy-file=/etc/kubernetes/audit/policy.yaml
    ///         - --audit-log-path=/var/log/kubernetes/audit.log
    ///         - --audit-log-maxage=30
    ///         - --audit-log-maxbackup=10
    ///         - --audit-log-maxsize=100
    /// ```
    ///
    /// ## References
    /// - [Auditing](https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/)
    /// - CIS Kubernetes Benchmark v1.8, 1.2.19, 1.2.20, 1.2.21, 1.2.22, 3.2.1; NIST 800-53 AU-2, AU-11, AU-12
    pub ApiserverAuditLog {
        id: "K8S-CP-008",
        name: "apiserver-audit-log",
        severity: Medium,
        refs: [
            "CIS Kubernetes 1.2.19",
            "CIS Kubernetes 1.2.20",
            "CIS Kubernetes 1.2.21",
            "CIS Kubernetes 1.2.22",
            "CIS Kubernetes 3.2.1",
            "NIST 800-53 AU-2",
            "NIST 800-53 AU-11",
            "NIST 800-53 AU-12",
        ],
        fix: "set `--audit-policy-file` and `--audit-log-path`, keeping logs 30 days or more",
    }
}

const AUDIT_LOG_PATH: Attr = Attr::uniform("--audit-log-path");
const AUDIT_POLICY_FILE: Attr = Attr::uniform("--audit-policy-file");

/// Retention flags and the benchmark's minimum for each.
const RETENTION: [(&str, Attr, f64, &str); 3] = [
    (
        "audit-log-maxage",
        Attr::uniform("--audit-log-maxage"),
        30.0,
        "days",
    ),
    (
        "audit-log-maxbackup",
        Attr::uniform("--audit-log-maxbackup"),
        10.0,
        "files",
    ),
    (
        "audit-log-maxsize",
        Attr::uniform("--audit-log-maxsize"),
        100.0,
        "MB",
    ),
];

impl Check for ApiserverAuditLog {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Some(plane) = component(resource, "kube-apiserver") else {
            return;
        };
        let log_path = plane.flag("audit-log-path");
        let webhook = plane.flag("audit-webhook-config-file");
        if log_path.is_none() && webhook.is_none() {
            out.report_missing(
                &AUDIT_LOG_PATH,
                "API requests are not audited: neither `--audit-log-path` nor `--audit-webhook-config-file` is set",
            );
            return;
        }
        if plane.flag("audit-policy-file").is_none() {
            out.report_missing(
                &AUDIT_POLICY_FILE,
                "the audit log stays empty: `--audit-policy-file` is not set, so no event is recorded",
            );
        }
        if log_path.is_none() {
            return;
        }
        for (name, attr, minimum, unit) in RETENTION {
            let Some(flag) = plane.written(name) else {
                continue;
            };
            // 0 means "no limit"; unset keeps everything.
            match flag.as_number() {
                Some(value) if value > 0.0 && value < minimum => report_flag(
                    out,
                    &attr,
                    flag,
                    format!("`--{name}` keeps only {value} {unit}; at least {minimum} is expected"),
                ),
                _ => {}
            }
        }
    }
}

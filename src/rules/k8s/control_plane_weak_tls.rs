use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Kind, Resource};
use crate::rules::k8s::flags::report_flag;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags control-plane components (kube-apiserver, kube-controller-manager,
    /// kube-scheduler, etcd) whose `--tls-min-version` allows TLS 1.0 or 1.1.
    ///
    /// ## Why is this bad?
    /// TLS 1.0 and 1.1 are deprecated (RFC 8996): they rely on SHA-1 and CBC constructions
    /// with known attacks, and let a man in the middle downgrade clients that would have
    /// used a stronger protocol. The control plane's traffic carries every credential and
    /// Secret of the cluster.
    ///
    /// ## How to fix
    /// Set `--tls-min-version=VersionTLS12` (or `VersionTLS13`); for etcd, `TLS1.2` or
    /// `TLS1.3`. Leaving the flag unset uses TLS 1.2 in current releases.
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
    ///         - --tls-min-version=VersionTLS10
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
    ///         - --tls-min-version=VersionTLS12
    /// ```
    ///
    /// ## References
    /// - [RFC 8996: Deprecating TLS 1.0 and TLS 1.1](https://www.rfc-editor.org/rfc/rfc8996)
    /// - CIS Kubernetes Benchmark v1.8, 1.2.32; NIST 800-53 SC-8, SC-13
    pub ControlPlaneWeakTls {
        id: "K8S-CP-011",
        name: "control-plane-weak-tls-version",
        severity: Medium,
        refs: ["CIS Kubernetes 1.2.32", "NIST 800-53 SC-8", "NIST 800-53 SC-13"],
        fix: "set `--tls-min-version=VersionTLS12` or higher",
    }
}

const TLS_MIN_VERSION: Attr = Attr::uniform("--tls-min-version");

impl Check for ControlPlaneWeakTls {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::ControlPlane(plane) = &resource.kind else {
            return;
        };
        let Some(flag) = plane.flag("tls-min-version") else {
            return;
        };
        let Some(version) = flag.value_str() else {
            return;
        };
        // Kubernetes spells them `VersionTLS10`, etcd `TLS1.0`.
        if matches!(
            version,
            "VersionTLS10" | "VersionTLS11" | "TLS1.0" | "TLS1.1"
        ) {
            report_flag(
                out,
                &TLS_MIN_VERSION,
                flag,
                format!(
                    "{} accepts deprecated TLS: `--tls-min-version` is `{version}`",
                    plane.component
                ),
            );
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kube-apiserver configurations that set `--secure-port=0`.
    ///
    /// ## Why is this bad?
    /// Port 0 turns off the API server's TLS port. Clients then either cannot reach the API at
    /// all or are pushed to an unauthenticated, unencrypted channel, where every credential and
    /// Secret crosses the network in clear text.
    ///
    /// ## How to fix
    /// Remove `--secure-port=0` or set it to a port between 1 and 65535 (6443 by convention).
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
    ///         - --secure-port=0
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
    ///         - --secure-port=6443
    /// ```
    ///
    /// ## References
    /// - [kube-apiserver flags](https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/)
    /// - CIS Kubernetes Benchmark v1.8, 1.2.17; NIST 800-53 SC-8
    pub ApiserverSecurePortDisabled {
        id: "K8S-CP-001",
        name: "apiserver-secure-port-disabled",
        severity: High,
        refs: ["CIS Kubernetes 1.2.17", "NIST 800-53 SC-8"],
        fix: "remove `--secure-port=0`, or set it to 6443",
    }
}

const SECURE_PORT: Attr = Attr::uniform("--secure-port");

impl Check for ApiserverSecurePortDisabled {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::ControlPlane(plane) = &resource.kind else {
            return;
        };
        if plane.component != "kube-apiserver" {
            return;
        }
        let Some(flag) = plane.flag("secure-port") else {
            return;
        };
        if flag.value_str() != Some("0") {
            return;
        }
        match &flag.value {
            Some(value) => out.report_value(
                &SECURE_PORT,
                value,
                "`--secure-port=0` disables the API server's TLS port",
            ),
            None => out.report_at(flag.span, SECURE_PORT.id, "`--secure-port` has no port"),
        }
    }
}

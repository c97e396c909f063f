use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Resource};
use crate::rules::k8s::flags::{component, report_flag};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kube-apiserver configurations that set `--insecure-port` to a port other than 0.
    ///
    /// ## Why is this bad?
    /// The insecure port serves the whole Kubernetes API over plain HTTP with no
    /// authentication and no authorization: every request is treated as cluster-admin. Anyone
    /// who reaches the port (or a pod on the node, through `--insecure-bind-address`) owns the
    /// cluster. The flag was removed in Kubernetes 1.24; where it is still accepted it must be 0.
    ///
    /// ## How to fix
    /// Remove `--insecure-port` (and `--insecure-bind-address`), or set `--insecure-port=0`,
    /// and reach the API through the secure port.
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
    ///       image: registry.k8s.io/kube-apiserver:v1.23.17
    ///       command:
    ///         - kube-apiserver
    ///         - --insecure-port=8080
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
    ///       image: registry.k8s.io/kube-apiserver:v1.23.17
    ///       command:
    ///         - kube-apiserver
    ///         - --insecure-port=0
    /// ```
    ///
    /// ## References
    /// - [Controlling access to the Kubernetes API: API server ports](https://kubernetes.io/docs/concepts/security/controlling-access/#api-server-ports-and-ips)
    /// - CIS Kubernetes Benchmark v1.6.0, 1.2.19 (dropped from later versions with the flag); NIST 800-53 AC-3, SC-8
    pub ApiserverInsecurePort {
        id: "K8S-CP-005",
        name: "apiserver-insecure-port",
        severity: Critical,
        refs: ["CIS Kubernetes v1.6.0 1.2.19", "NIST 800-53 AC-3", "NIST 800-53 SC-8"],
        fix: "remove `--insecure-port`, or set it to 0",
    }
}

const INSECURE_PORT: Attr = Attr::uniform("--insecure-port");

impl Check for ApiserverInsecurePort {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Some(plane) = component(resource, "kube-apiserver") else {
            return;
        };
        let Some(flag) = plane.written("insecure-port") else {
            return;
        };
        match flag.as_number() {
            Some(port) if port != 0.0 => report_flag(
                out,
                &INSECURE_PORT,
                flag,
                format!("the API is served without authentication or TLS on insecure port {port}"),
            ),
            _ => {}
        }
    }
}

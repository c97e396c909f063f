use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Resource};
use crate::rules::k8s::flags::{component, describe, report_flag};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags etcd members that do not require client certificates (`--client-cert-auth`
    /// defaults to false), that use self-signed automatic certificates (`--auto-tls=true`), or
    /// do either for peer traffic (`--peer-client-cert-auth=false`, `--peer-auto-tls=true`).
    ///
    /// ## Why is this bad?
    /// etcd holds the whole cluster state, every Secret included, and has no authorization of
    /// its own in a Kubernetes setup: whoever can connect reads and writes everything. Only a
    /// client certificate signed by the etcd CA should let the API server (and peers) in.
    /// Automatic TLS certificates are self-signed, so nobody can verify them.
    ///
    /// ## How to fix
    /// Set `--client-cert-auth=true` and `--peer-client-cert-auth=true` with `--trusted-ca-file`
    /// and `--peer-trusted-ca-file`, and remove `--auto-tls` and `--peer-auto-tls`.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: etcd
    ///   namespace: kube-system
    /// spec:
    ///   containers:
    ///     - name: etcd
    ///       image: registry.k8s.io/etcd:3.5.12-0
    ///       command:
    ///         - etcd
    ///         - --auto-tls=true
    ///         - --listen-client-urls=https://127.0.0.1:2379
    /// ```
    /// ```k8s,good
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: etcd
    ///   namespace: kube-system
    /// spec:
    ///   containers:
    ///     - name: etcd
    ///       image: registry.k8s.io/etcd:3.5.12-0
    ///       command:
    ///         - etcd
    ///         - --client-cert-auth=true
    ///         - --peer-client-cert-auth=true
    ///         - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
    ///         - --cert-file=/etc/kubernetes/pki/etcd/server.crt
    ///         - --key-file=/etc/kubernetes/pki/etcd/server.key
    /// ```
    ///
    /// ## References
    /// - [Operating etcd clusters for Kubernetes: securing etcd](https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters)
    /// - CIS Kubernetes Benchmark v1.8, 2.2, 2.3, 2.5, 2.6; NIST 800-53 IA-3, SC-8
    pub EtcdClientCertAuth {
        id: "K8S-CP-012",
        name: "etcd-client-cert-auth",
        severity: High,
        refs: [
            "CIS Kubernetes 2.2",
            "CIS Kubernetes 2.3",
            "CIS Kubernetes 2.5",
            "CIS Kubernetes 2.6",
            "NIST 800-53 IA-3",
            "NIST 800-53 SC-8",
        ],
        fix: "set `--client-cert-auth=true` and `--peer-client-cert-auth=true`; remove `--auto-tls`",
    }
}

impl Check for EtcdClientCertAuth {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Some(plane) = component(resource, "etcd") else {
            return;
        };
        if let Some(flag) = plane.flag("client-cert-auth") {
            if flag.as_bool() == Some(false) {
                report_flag(
                    out,
                    &Attr::uniform("--client-cert-auth"),
                    flag,
                    format!(
                        "etcd accepts clients without a certificate: {}",
                        describe(flag)
                    ),
                );
            }
        }
        // Peer authentication is only judged when written: a single-member etcd has no peers.
        if let Some(flag) = plane.written("peer-client-cert-auth") {
            if flag.as_bool() == Some(false) {
                report_flag(
                    out,
                    &Attr::uniform("--peer-client-cert-auth"),
                    flag,
                    "etcd accepts peers without a certificate: `--peer-client-cert-auth` is false"
                        .to_string(),
                );
            }
        }
        for (name, attr) in [
            ("auto-tls", Attr::uniform("--auto-tls")),
            ("peer-auto-tls", Attr::uniform("--peer-auto-tls")),
        ] {
            if let Some(flag) = plane.written(name) {
                if flag.as_bool() == Some(true) {
                    report_flag(
                        out,
                        &attr,
                        flag,
                        format!("etcd uses self-signed certificates nobody can verify: `--{name}` is true"),
                    );
                }
            }
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Resource};
use crate::rules::k8s::flags::{component, describe, report_flag};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kube-apiserver configurations that do not set `--anonymous-auth=false`.
    ///
    /// ## Why is this bad?
    /// The flag defaults to true: a request without credentials is served as
    /// `system:anonymous`. Any RBAC binding that mentions that user or the
    /// `system:unauthenticated` group, added by mistake or by an old add-on, then opens the API
    /// to the whole network.
    ///
    /// ## How to fix
    /// Add `--anonymous-auth=false` to the kube-apiserver command. Health checks can use an
    /// authenticated probe or the `/livez` endpoints granted explicitly.
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
    ///         - --secure-port=6443
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
    ///         - --anonymous-auth=false
    /// ```
    ///
    /// The same with kubeadm:
    ///
    /// ```k8s,bad
    /// apiVersion: kubeadm.k8s.io/v1beta3
    /// kind: ClusterConfiguration
    /// apiServer:
    ///   extraArgs:
    ///     anonymous-auth: "true"
    /// ```
    /// ```k8s,good
    /// apiVersion: kubeadm.k8s.io/v1beta4
    /// kind: ClusterConfiguration
    /// apiServer:
    ///   extraArgs:
    ///     - name: anonymous-auth
    ///       value: "false"
    /// ```
    ///
    /// ## References
    /// - [Kubernetes anonymous requests](https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests)
    /// - CIS Kubernetes Benchmark v1.8, 1.2.1; NIST 800-53 IA-2, AC-14
    pub ApiserverAnonymousAuth {
        id: "K8S-CP-002",
        name: "apiserver-anonymous-auth",
        severity: Medium,
        refs: ["CIS Kubernetes 1.2.1", "NIST 800-53 AC-14"],
        fix: "add `--anonymous-auth=false` to the kube-apiserver command",
    }
}

const ANONYMOUS_AUTH: Attr = Attr::uniform("--anonymous-auth");

impl Check for ApiserverAnonymousAuth {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Some(plane) = component(resource, "kube-apiserver") else {
            return;
        };
        // With `--authentication-config` (1.32+) anonymous access can be configured in that
        // file instead, which is not judged here.
        if plane.written("anonymous-auth").is_none()
            && plane.written("authentication-config").is_some()
        {
            return;
        }
        let Some(flag) = plane.flag("anonymous-auth") else {
            return;
        };
        if flag.as_bool() == Some(true) {
            let message = format!("anonymous requests are allowed: {}", describe(flag));
            report_flag(out, &ANONYMOUS_AUTH, flag, message);
        }
    }
}

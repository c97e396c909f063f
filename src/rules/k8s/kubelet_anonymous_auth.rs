use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::ANONYMOUS_AUTH;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kubelet configurations that accept anonymous requests:
    /// `authentication.anonymous.enabled: true` in a `KubeletConfiguration`, or
    /// `--anonymous-auth=true` among kubeadm's `kubeletExtraArgs`. (A configuration file that
    /// does not mention it is fine: its default is false. The bare kubelet flag defaults to
    /// true.)
    ///
    /// ## Why is this bad?
    /// The kubelet API on port 10250 runs commands in containers, reads their logs and lists
    /// the node's pods. Requests without credentials become `system:anonymous`; with
    /// `AlwaysAllow` authorization, or one careless RBAC binding, anyone who reaches the node
    /// can execute code in every pod on it.
    ///
    /// ## How to fix
    /// Set `authentication.anonymous.enabled: false` (or remove it), and keep webhook
    /// authentication and authorization on.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// authentication:
    ///   anonymous:
    ///     enabled: true
    ///   x509:
    ///     clientCAFile: /etc/kubernetes/pki/ca.crt
    /// ```
    /// ```k8s,good
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// authentication:
    ///   anonymous:
    ///     enabled: false
    ///   x509:
    ///     clientCAFile: /etc/kubernetes/pki/ca.crt
    /// ```
    ///
    /// ## References
    /// - [Kubelet authentication/authorization](https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/)
    /// - CIS Kubernetes Benchmark v1.8, 4.2.1; CIS Amazon EKS Benchmark 3.2.1; NIST 800-53 AC-14, IA-2
    pub KubeletAnonymousAuth {
        id: "K8S-KUB-001",
        name: "kubelet-anonymous-auth",
        severity: High,
        refs: ["CIS Kubernetes 4.2.1", "CIS EKS 3.2.1", "NIST 800-53 AC-14", "NIST 800-53 IA-2"],
        fix: "set `authentication.anonymous.enabled: false`",
    }
}

impl Check for KubeletAnonymousAuth {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Kubelet(kubelet) = &resource.kind else {
            return;
        };
        let Some(anonymous) = &kubelet.anonymous_auth else {
            return;
        };
        if anonymous.is_true() {
            out.report_value(
                &ANONYMOUS_AUTH.attr(),
                anonymous,
                format!(
                    "the kubelet API accepts anonymous requests: `{}` is true",
                    ANONYMOUS_AUTH.name(kubelet.source)
                ),
            );
        }
    }
}

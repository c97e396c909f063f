use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::AUTHORIZATION_MODE;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kubelet configurations whose authorization mode is `AlwaysAllow` instead of
    /// `Webhook` (the configuration file's default; the bare kubelet flag defaults to
    /// `AlwaysAllow`).
    ///
    /// ## Why is this bad?
    /// With `AlwaysAllow` every request that passes authentication may use the whole kubelet
    /// API: run commands in any container on the node, read logs, port-forward. `Webhook`
    /// asks the API server (SubjectAccessReview), so RBAC decides.
    ///
    /// ## How to fix
    /// Set `authorization.mode: Webhook` with `authentication.webhook.enabled: true`.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// authorization:
    ///   mode: AlwaysAllow
    /// ```
    /// ```k8s,good
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// authorization:
    ///   mode: Webhook
    /// ```
    ///
    /// ## References
    /// - [Kubelet authorization](https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authorization)
    /// - CIS Kubernetes Benchmark v1.8, 4.2.2; CIS Amazon EKS Benchmark 3.2.2; NIST 800-53 AC-3
    pub KubeletAuthorizationMode {
        id: "K8S-KUB-002",
        name: "kubelet-authorization-always-allow",
        severity: High,
        refs: ["CIS Kubernetes 4.2.2", "CIS EKS 3.2.2", "NIST 800-53 AC-3"],
        fix: "set `authorization.mode: Webhook`",
    }
}

impl Check for KubeletAuthorizationMode {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Kubelet(kubelet) = &resource.kind else {
            return;
        };
        let Some(mode) = &kubelet.authorization_mode else {
            return;
        };
        if mode.get().is_some_and(|m| m == "AlwaysAllow") {
            out.report_value(
                &AUTHORIZATION_MODE.attr(),
                mode,
                format!(
                    "every request to the kubelet API is authorized: `{}` is `AlwaysAllow`",
                    AUTHORIZATION_MODE.name(kubelet.source)
                ),
            );
        }
    }
}

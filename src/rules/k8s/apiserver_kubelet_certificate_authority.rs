use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Resource};
use crate::rules::k8s::flags::component;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kube-apiserver configurations without `--kubelet-certificate-authority`.
    ///
    /// ## Why is this bad?
    /// Without it the API server does not verify the kubelets' serving certificates when it
    /// connects to them for `kubectl exec`, `logs` and `port-forward`. Someone who can
    /// intercept that traffic impersonates the kubelet and reads (or injects into) every exec
    /// session, including the credentials typed into it.
    ///
    /// ## How to fix
    /// Have kubelets get serving certificates signed by the cluster CA (`serverTLSBootstrap`)
    /// and pass that CA with `--kubelet-certificate-authority`.
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
    ///         - --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt
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
    ///         - --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt
    ///         - --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt
    /// ```
    ///
    /// ## References
    /// - [Kubelet authentication and the API server](https://kubernetes.io/docs/concepts/architecture/control-plane-node-communication/#apiserver-to-kubelet)
    /// - CIS Kubernetes Benchmark v1.8, 1.2.6; NIST 800-53 SC-8, IA-3
    pub ApiserverKubeletCertificateAuthority {
        id: "K8S-CP-010",
        name: "apiserver-kubelet-certificate-authority",
        severity: Medium,
        refs: ["CIS Kubernetes 1.2.6", "NIST 800-53 SC-8", "NIST 800-53 IA-3"],
        fix: "pass the kubelets' serving CA with `--kubelet-certificate-authority`",
    }
}

const KUBELET_CA: Attr = Attr::uniform("--kubelet-certificate-authority");

impl Check for ApiserverKubeletCertificateAuthority {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Some(plane) = component(resource, "kube-apiserver") else {
            return;
        };
        match plane.flag("kubelet-certificate-authority") {
            None => out.report_missing(
                &KUBELET_CA,
                "kubelet serving certificates are not verified: `--kubelet-certificate-authority` is not set",
            ),
            Some(flag) if flag.value_str() == Some("") => out.report_at(
                flag.span,
                KUBELET_CA.id,
                "`--kubelet-certificate-authority` is empty",
            ),
            Some(_) => {}
        }
    }
}

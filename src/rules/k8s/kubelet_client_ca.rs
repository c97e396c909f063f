use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::{managed_by_kubeadm, KubeletSource, CLIENT_CA_FILE};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags `KubeletConfiguration` files without `authentication.x509.clientCAFile` (or with
    /// it empty), and kubeadm `kubeletExtraArgs` that set `--client-ca-file` to nothing. A
    /// configuration in the same file as a kubeadm configuration is completed by kubeadm and
    /// not reported.
    ///
    /// ## Why is this bad?
    /// Without a client CA the kubelet cannot verify client certificates: the API server's
    /// own certificate is not recognised, so clients fall back to weaker authentication (or
    /// anonymous access), and nothing ties a caller to the cluster's CA.
    ///
    /// ## How to fix
    /// Set `authentication.x509.clientCAFile` to the cluster CA bundle
    /// (`/etc/kubernetes/pki/ca.crt` on kubeadm and EKS nodes).
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// authentication:
    ///   anonymous:
    ///     enabled: false
    ///   webhook:
    ///     enabled: true
    /// ```
    /// ```k8s,good
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// authentication:
    ///   anonymous:
    ///     enabled: false
    ///   webhook:
    ///     enabled: true
    ///   x509:
    ///     clientCAFile: /etc/kubernetes/pki/ca.crt
    /// ```
    ///
    /// ## References
    /// - [Kubelet authentication](https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authentication)
    /// - CIS Kubernetes Benchmark v1.8, 4.2.3; CIS Amazon EKS Benchmark 3.2.3; EKS hardening "kubelet - Configure the Client CA Certificate"; NIST 800-53 IA-3, IA-5(2)
    pub KubeletClientCa {
        id: "K8S-KUB-003",
        name: "kubelet-no-client-ca",
        severity: Medium,
        refs: ["CIS Kubernetes 4.2.3", "CIS EKS 3.2.3", "NIST 800-53 IA-3", "NIST 800-53 IA-5(2)"],
        fix: "set `authentication.x509.clientCAFile` to the cluster CA bundle",
    }
}

impl Check for KubeletClientCa {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Kind::Kubelet(kubelet) = &resource.kind else {
            return;
        };
        let name = CLIENT_CA_FILE.name(kubelet.source);
        match &kubelet.client_ca_file {
            Some(file) if file.get().is_some_and(|f| f.trim().is_empty()) => out.report_value(
                &CLIENT_CA_FILE.attr(),
                file,
                format!("client certificates are not verified: `{name}` is empty"),
            ),
            Some(_) => {}
            None if kubelet.source == KubeletSource::ConfigFile
                && !managed_by_kubeadm(resource, cx.resources) =>
            {
                out.report_at(
                    kubelet.client_ca_block,
                    CLIENT_CA_FILE.config,
                    format!("client certificates are not verified: `{name}` is not set"),
                )
            }
            None => {}
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::READ_ONLY_PORT;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kubelet configurations that open the read-only port: `readOnlyPort` other than 0
    /// in a `KubeletConfiguration` (its default is 0), or `--read-only-port` other than 0 in
    /// kubeadm's `kubeletExtraArgs` (the bare flag defaults to 10255).
    ///
    /// ## Why is this bad?
    /// The read-only port serves the kubelet API without authentication or authorization:
    /// the node's pods with their full specs (environment variables included), and metrics.
    /// Anyone who reaches the node, any pod included, reads them.
    ///
    /// ## How to fix
    /// Set `readOnlyPort: 0` (or leave it out of the configuration file), and read metrics
    /// through the authenticated port 10250.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// readOnlyPort: 10255
    /// ```
    /// ```k8s,good
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// readOnlyPort: 0
    /// ```
    ///
    /// ## References
    /// - [kubelet configuration (v1beta1): readOnlyPort](https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/)
    /// - CIS Kubernetes Benchmark v1.8, 4.2.4; CIS Amazon EKS Benchmark 3.2.4; EKS hardening "kubelet read-only port"; NIST 800-53 AC-3, CM-7
    pub KubeletReadOnlyPort {
        id: "K8S-KUB-004",
        name: "kubelet-read-only-port",
        severity: Medium,
        refs: ["CIS Kubernetes 4.2.4", "CIS EKS 3.2.4", "NIST 800-53 AC-3", "NIST 800-53 CM-7"],
        fix: "set `readOnlyPort: 0`",
    }
}

impl Check for KubeletReadOnlyPort {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Kubelet(kubelet) = &resource.kind else {
            return;
        };
        let Some(port) = &kubelet.read_only_port else {
            return;
        };
        if let Some(&number) = port.get() {
            if number != 0.0 {
                out.report_value(
                    &READ_ONLY_PORT.attr(),
                    port,
                    format!(
                        "the kubelet serves its API without authentication on port {number}: `{}` is not 0",
                        READ_ONLY_PORT.name(kubelet.source)
                    ),
                );
            }
        }
    }
}

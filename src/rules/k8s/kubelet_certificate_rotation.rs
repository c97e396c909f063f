use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::{ROTATE_CERTIFICATES, ROTATE_SERVER_CERTIFICATE_GATE};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kubelet configurations that turn certificate rotation off: `rotateCertificates:
    /// false` (client certificate) or the `RotateKubeletServerCertificate` feature gate set to
    /// false (serving certificate). Unset is not reported: kubeadm and the EKS bootstrap turn
    /// client rotation on, and the gate is on by default.
    ///
    /// ## Why is this bad?
    /// Certificates that are never rotated live as long as they were issued for: a leaked
    /// kubelet key stays valid for a year, and an expired one takes the node down. Rotation
    /// keeps them short-lived and renewed before expiry.
    ///
    /// ## How to fix
    /// Remove `rotateCertificates: false` (or set it to true) and do not disable
    /// `RotateKubeletServerCertificate`; with `serverTLSBootstrap: true` the kubelet also
    /// requests its serving certificate from the cluster.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// rotateCertificates: false
    /// featureGates:
    ///   RotateKubeletServerCertificate: false
    /// ```
    /// ```k8s,good
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// rotateCertificates: true
    /// serverTLSBootstrap: true
    /// featureGates:
    ///   RotateKubeletServerCertificate: true
    /// ```
    ///
    /// ## References
    /// - [Kubelet certificate rotation](https://kubernetes.io/docs/tasks/tls/certificate-rotation/)
    /// - CIS Kubernetes Benchmark v1.8, 4.2.11, 4.2.12; CIS Amazon EKS Benchmark 3.2.10, 3.2.11; NIST 800-53 SC-12, IA-5
    pub KubeletCertificateRotation {
        id: "K8S-KUB-006",
        name: "kubelet-certificate-rotation-disabled",
        severity: Low,
        refs: [
            "CIS Kubernetes 4.2.11",
            "CIS Kubernetes 4.2.12",
            "CIS EKS 3.2.10",
            "CIS EKS 3.2.11",
            "NIST 800-53 SC-12",
            "NIST 800-53 IA-5",
        ],
        fix: "set `rotateCertificates: true` and keep `RotateKubeletServerCertificate` on",
    }
}

impl Check for KubeletCertificateRotation {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Kubelet(kubelet) = &resource.kind else {
            return;
        };
        if let Some(rotate) = &kubelet.rotate_certificates {
            if rotate.is_false() && !rotate.is_default() {
                out.report_value(
                    &ROTATE_CERTIFICATES.attr(),
                    rotate,
                    format!(
                        "the kubelet's client certificate is never rotated: `{}` is false",
                        ROTATE_CERTIFICATES.name(kubelet.source)
                    ),
                );
            }
        }
        if let Some(gate) = &kubelet.rotate_server_certificate_gate {
            if gate.is_false() && !gate.is_default() {
                out.report_value(
                    &ROTATE_SERVER_CERTIFICATE_GATE.attr(),
                    gate,
                    "the kubelet's serving certificate is never rotated: the `RotateKubeletServerCertificate` feature gate is off",
                );
            }
        }
    }
}

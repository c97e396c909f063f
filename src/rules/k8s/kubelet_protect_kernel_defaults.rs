use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::PROTECT_KERNEL_DEFAULTS;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kubelet configurations that do not set `protectKernelDefaults: true` (the default
    /// is false).
    ///
    /// ## Why is this bad?
    /// Without it the kubelet changes kernel parameters (sysctls) it wants different, silently
    /// overriding the node's hardening. With it the kubelet refuses to start on a node whose
    /// kernel settings differ, so the difference is noticed and fixed in the node image.
    ///
    /// ## How to fix
    /// Set `protectKernelDefaults: true` and set the kernel parameters the kubelet needs
    /// (`vm.overcommit_memory=1`, `kernel.panic=10`, ...) in the node image.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// readOnlyPort: 0
    /// ```
    /// ```k8s,good
    /// apiVersion: kubelet.config.k8s.io/v1beta1
    /// kind: KubeletConfiguration
    /// readOnlyPort: 0
    /// protectKernelDefaults: true
    /// ```
    ///
    /// ## References
    /// - [kubelet configuration (v1beta1): protectKernelDefaults](https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/)
    /// - CIS Kubernetes Benchmark v1.8, 4.2.6; CIS Amazon EKS Benchmark 3.2.6; NIST 800-53 CM-6
    pub KubeletProtectKernelDefaults {
        id: "K8S-KUB-005",
        name: "kubelet-protect-kernel-defaults",
        severity: Low,
        refs: ["CIS Kubernetes 4.2.6", "CIS EKS 3.2.6", "NIST 800-53 CM-6"],
        fix: "set `protectKernelDefaults: true`",
    }
}

impl Check for KubeletProtectKernelDefaults {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Kubelet(kubelet) = &resource.kind else {
            return;
        };
        let Some(protect) = &kubelet.protect_kernel_defaults else {
            return;
        };
        if protect.is_false() {
            let name = PROTECT_KERNEL_DEFAULTS.name(kubelet.source);
            let message = if protect.is_default() {
                format!("the kubelet may override the node's kernel settings: `{name}` is not set and defaults to false")
            } else {
                format!("the kubelet may override the node's kernel settings: `{name}` is false")
            };
            out.report_value(&PROTECT_KERNEL_DEFAULTS.attr(), protect, message);
        }
    }
}

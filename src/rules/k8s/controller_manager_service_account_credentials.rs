use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Resource};
use crate::rules::k8s::flags::{component, describe, report_flag};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kube-controller-manager configurations without
    /// `--use-service-account-credentials=true` (the binary defaults to false; kubeadm sets it).
    ///
    /// ## Why is this bad?
    /// Without it every controller runs with the controller manager's own, very broad
    /// credentials, so the API cannot apply least privilege per controller and the audit log
    /// cannot tell which controller did what. With it each controller uses its own service
    /// account and the narrow `system:controller:*` role made for it.
    ///
    /// ## How to fix
    /// Add `--use-service-account-credentials=true` to the kube-controller-manager command.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: kube-controller-manager
    ///   namespace: kube-system
    /// spec:
    ///   containers:
    ///     - name: kube-controller-manager
    ///       image: registry.k8s.io/kube-controller-manager:v1.30.0
    ///       command:
    ///         - kube-controller-manager
    ///         - --kubeconfig=/etc/kubernetes/controller-manager.conf
    /// ```
    /// ```k8s,good
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: kube-controller-manager
    ///   namespace: kube-system
    /// spec:
    ///   containers:
    ///     - name: kube-controller-manager
    ///       image: registry.k8s.io/kube-controller-manager:v1.30.0
    ///       command:
    ///         - kube-controller-manager
    ///         - --kubeconfig=/etc/kubernetes/controller-manager.conf
    ///         - --use-service-account-credentials=true
    /// ```
    ///
    /// ## References
    /// - [Controller roles](https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles)
    /// - CIS Kubernetes Benchmark v1.8, 1.3.3; NIST 800-53 AC-6, AU-10
    pub ControllerManagerServiceAccountCredentials {
        id: "K8S-CP-013",
        name: "controller-manager-shared-credentials",
        severity: Medium,
        refs: ["CIS Kubernetes 1.3.3", "NIST 800-53 AC-6", "NIST 800-53 AU-10"],
        fix: "add `--use-service-account-credentials=true`",
    }
}

const USE_SA_CREDENTIALS: Attr = Attr::uniform("--use-service-account-credentials");

impl Check for ControllerManagerServiceAccountCredentials {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Some(plane) = component(resource, "kube-controller-manager") else {
            return;
        };
        let Some(flag) = plane.flag("use-service-account-credentials") else {
            return;
        };
        if flag.as_bool() == Some(false) {
            let message = format!(
                "all controllers share the controller manager's credentials: {}",
                describe(flag)
            );
            report_flag(out, &USE_SA_CREDENTIALS, flag, message);
        }
    }
}

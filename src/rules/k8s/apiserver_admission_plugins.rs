use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Resource};
use crate::rules::k8s::flags::{component, report_flag};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kube-apiserver configurations whose admission plugins leave out `NodeRestriction`,
    /// disable `PodSecurity`, or enable `AlwaysAdmit`.
    ///
    /// ## Why is this bad?
    /// `NodeRestriction` (not on by default) stops a kubelet from changing other nodes, or
    /// labels that steer workloads onto itself; without it one compromised node can reach the
    /// others. `PodSecurity` (on by default since 1.23) enforces the Pod Security Standards
    /// labels of namespaces, PodSecurityPolicy's successor; disabling it lets any user who may
    /// create pods run privileged ones. `AlwaysAdmit` accepts every request unchecked.
    ///
    /// ## How to fix
    /// Add `NodeRestriction` to `--enable-admission-plugins`, remove `PodSecurity` from
    /// `--disable-admission-plugins` and `AlwaysAdmit` from `--enable-admission-plugins`.
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
    ///         - --enable-admission-plugins=AlwaysAdmit
    ///         - --disable-admission-plugins=PodSecurity
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
    ///         - --enable-admission-plugins=NodeRestriction
    /// ```
    ///
    /// ## References
    /// - [Admission controllers](https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/)
    /// - [Pod Security Admission](https://kubernetes.io/docs/concepts/security/pod-security-admission/)
    /// - CIS Kubernetes Benchmark v1.8, 1.2.11, 1.2.16, 5.2.1; NIST 800-53 AC-3, CM-7
    pub ApiserverAdmissionPlugins {
        id: "K8S-CP-007",
        name: "apiserver-admission-plugins",
        severity: Medium,
        refs: [
            "CIS Kubernetes 1.2.11",
            "CIS Kubernetes 1.2.16",
            "CIS Kubernetes 5.2.1",
            "NIST 800-53 AC-3",
            "NIST 800-53 CM-7",
        ],
        fix: "enable `NodeRestriction` and `PodSecurity`; never enable `AlwaysAdmit`",
    }
}

const ENABLE: Attr = Attr::uniform("--enable-admission-plugins");
const DISABLE: Attr = Attr::uniform("--disable-admission-plugins");

impl Check for ApiserverAdmissionPlugins {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Some(plane) = component(resource, "kube-apiserver") else {
            return;
        };
        // `--admission-control` is the flag's deprecated older name.
        let enabled = plane
            .flag("enable-admission-plugins")
            .or_else(|| plane.flag("admission-control"));
        // An unknown value might hold anything: not judged.
        if enabled.is_some_and(|flag| flag.value_str().is_none()) {
            return;
        }
        let enabled_items = enabled.map(|flag| flag.items()).unwrap_or_default();
        if let Some((_, span)) = enabled_items.iter().find(|(p, _)| p == "AlwaysAdmit") {
            out.report_at(
                *span,
                ENABLE.id,
                "`AlwaysAdmit` admits every request without any admission control",
            );
        }
        match enabled {
            None => out.report_missing(
                &ENABLE,
                "kubelets are not restricted to their own node: `--enable-admission-plugins` is not set and `NodeRestriction` is off by default",
            ),
            Some(flag) if !flag.has_item("NodeRestriction") => report_flag(
                out,
                &ENABLE,
                flag,
                "kubelets are not restricted to their own node: `--enable-admission-plugins` does not include `NodeRestriction`".to_string(),
            ),
            Some(_) => {}
        }
        if let Some(disabled) = plane.flag("disable-admission-plugins") {
            if let Some((_, span)) = disabled.items().iter().find(|(p, _)| p == "PodSecurity") {
                out.report_at(
                    *span,
                    DISABLE.id,
                    "Pod Security Admission is disabled: namespaces' `pod-security.kubernetes.io` labels are not enforced",
                );
            }
        }
    }
}

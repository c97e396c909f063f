use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Resource};
use crate::rules::k8s::flags::{component, describe, report_flag};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kube-apiserver configurations whose `--authorization-mode` includes `AlwaysAllow`
    /// (the binary's default when the flag is not set), or lacks `Node` or `RBAC`.
    ///
    /// ## Why is this bad?
    /// `AlwaysAllow` lets every authenticated request do anything, so any credential, down to
    /// a pod's service-account token, is cluster-admin. Without `RBAC` roles and bindings are
    /// ignored; without `Node` kubelets are not limited to the objects of their own pods, so
    /// one compromised node reads every Secret in the cluster.
    ///
    /// ## How to fix
    /// Set `--authorization-mode=Node,RBAC` (kubeadm does so unless `extraArgs` overrides it).
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
    ///         - --authorization-mode=AlwaysAllow
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
    ///         - --authorization-mode=Node,RBAC
    /// ```
    ///
    /// With kubeadm, the generated `Node,RBAC` is fine; overriding it is not:
    ///
    /// ```k8s,bad
    /// apiVersion: kubeadm.k8s.io/v1beta4
    /// kind: ClusterConfiguration
    /// apiServer:
    ///   extraArgs:
    ///     - name: authorization-mode
    ///       value: RBAC
    /// ```
    /// ```k8s,good
    /// apiVersion: kubeadm.k8s.io/v1beta4
    /// kind: ClusterConfiguration
    /// kubernetesVersion: v1.31.0
    /// ```
    ///
    /// ## References
    /// - [Authorization modes](https://kubernetes.io/docs/reference/access-authn-authz/authorization/#authorization-modules)
    /// - [Node authorization](https://kubernetes.io/docs/reference/access-authn-authz/node/)
    /// - CIS Kubernetes Benchmark v1.8, 1.2.7, 1.2.8, 1.2.9; NIST 800-53 AC-3, AC-6
    pub ApiserverAuthorizationMode {
        id: "K8S-CP-006",
        name: "apiserver-authorization-mode",
        severity: High,
        refs: [
            "CIS Kubernetes 1.2.7",
            "CIS Kubernetes 1.2.8",
            "CIS Kubernetes 1.2.9",
            "NIST 800-53 AC-3",
            "NIST 800-53 AC-6",
        ],
        fix: "set `--authorization-mode=Node,RBAC`",
    }
}

const AUTHORIZATION_MODE: Attr = Attr::uniform("--authorization-mode");

impl Check for ApiserverAuthorizationMode {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Some(plane) = component(resource, "kube-apiserver") else {
            return;
        };
        // Since 1.30 the modes can live in a file (`--authorization-config`) instead, which is
        // not judged here.
        if plane.written("authorization-mode").is_none()
            && plane.written("authorization-config").is_some()
        {
            return;
        }
        let Some(flag) = plane.flag("authorization-mode") else {
            return;
        };
        if flag.value_str().is_none() {
            return;
        }
        let items = flag.items();
        if let Some((_, span)) = items.iter().find(|(mode, _)| mode == "AlwaysAllow") {
            let message = format!(
                "every authenticated request is allowed everything: {}",
                describe(flag)
            );
            if flag.is_default() {
                report_flag(out, &AUTHORIZATION_MODE, flag, message);
            } else {
                out.report_at(*span, AUTHORIZATION_MODE.id, message);
            }
            return;
        }
        let missing: Vec<&str> = ["Node", "RBAC"]
            .into_iter()
            .filter(|mode| !items.iter().any(|(item, _)| item == mode))
            .collect();
        if !missing.is_empty() {
            report_flag(
                out,
                &AUTHORIZATION_MODE,
                flag,
                format!(
                    "{} does not include {}",
                    describe(flag),
                    missing
                        .iter()
                        .map(|mode| format!("`{mode}`"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            );
        }
    }
}

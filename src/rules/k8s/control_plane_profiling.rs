use crate::check::Context;
use crate::finding::Reporter;
use crate::model::{Attr, Kind, Resource};
use crate::rules::k8s::flags::{describe, report_flag};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags kube-apiserver, kube-controller-manager and kube-scheduler configurations that do
    /// not set `--profiling=false`; profiling is on by default.
    ///
    /// ## Why is this bad?
    /// The `/debug/pprof` endpoints expose the program's internals (goroutines, heap, command
    /// line) and can be made to spend CPU on demand. They help during development and only
    /// widen the attack surface of a production control plane.
    ///
    /// ## How to fix
    /// Add `--profiling=false` to each component (kubeadm: `profiling: "false"` in the
    /// component's `extraArgs`).
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: kube-scheduler
    ///   namespace: kube-system
    /// spec:
    ///   containers:
    ///     - name: kube-scheduler
    ///       image: registry.k8s.io/kube-scheduler:v1.30.0
    ///       command:
    ///         - kube-scheduler
    ///         - --kubeconfig=/etc/kubernetes/scheduler.conf
    /// ```
    /// ```k8s,good
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: kube-scheduler
    ///   namespace: kube-system
    /// spec:
    ///   containers:
    ///     - name: kube-scheduler
    ///       image: registry.k8s.io/kube-scheduler:v1.30.0
    ///       command:
    ///         - kube-scheduler
    ///         - --kubeconfig=/etc/kubernetes/scheduler.conf
    ///         - --profiling=false
    /// ```
    ///
    /// ## References
    /// - [kube-scheduler flags](https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/)
    /// - CIS Kubernetes Benchmark v1.8, 1.2.18, 1.3.2, 1.4.1; NIST 800-53 CM-7
    pub ControlPlaneProfiling {
        id: "K8S-CP-009",
        name: "control-plane-profiling",
        severity: Low,
        refs: [
            "CIS Kubernetes 1.2.18",
            "CIS Kubernetes 1.3.2",
            "CIS Kubernetes 1.4.1",
            "NIST 800-53 CM-7",
        ],
        fix: "add `--profiling=false`",
    }
}

const PROFILING: Attr = Attr::uniform("--profiling");

impl Check for ControlPlaneProfiling {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::ControlPlane(plane) = &resource.kind else {
            return;
        };
        if !matches!(
            plane.component.as_str(),
            "kube-apiserver" | "kube-controller-manager" | "kube-scheduler"
        ) {
            return;
        }
        let Some(flag) = plane.flag("profiling") else {
            return;
        };
        if flag.as_bool() == Some(true) {
            let message = format!(
                "{} serves profiling endpoints: {}",
                plane.component,
                describe(flag)
            );
            report_flag(out, &PROFILING, flag, message);
        }
    }
}

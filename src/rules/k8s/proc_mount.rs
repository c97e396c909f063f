use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::PROC_MOUNT;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags containers that set `securityContext.procMount` to anything other than
    /// `Default`, such as `Unmasked`.
    ///
    /// ## Why is this bad?
    /// By default the runtime masks and makes read-only the sensitive parts of `/proc`
    /// (`/proc/kcore`, `/proc/sysrq-trigger`, `/proc/sys`, ...). `Unmasked` exposes them, which
    /// leaks kernel memory and node information and lets a process change kernel settings.
    /// The Pod Security Standards allow only `Default` at the baseline level.
    ///
    /// ## How to fix
    /// Remove `procMount` or set it to `Default`.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: builder
    ///   namespace: ci
    /// spec:
    ///   hostUsers: false
    ///   containers:
    ///     - name: builder
    ///       image: registry.example.com/builder:5.0.0
    ///       securityContext:
    ///         procMount: Unmasked
    /// ```
    /// ```k8s,good
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: builder
    ///   namespace: ci
    /// spec:
    ///   hostUsers: false
    ///   containers:
    ///     - name: builder
    ///       image: registry.example.com/builder:5.0.0
    ///       securityContext:
    ///         procMount: Default
    /// ```
    /// ```tf,bad
    /// # The provider's pod resources have no `proc_mount`; `kubernetes_manifest` sends the
    /// # object as written.
    /// resource "kubernetes_manifest" "builder" {
    ///   manifest = {
    ///     apiVersion = "v1"
    ///     kind       = "Pod"
    ///     metadata = {
    ///       name      = "builder"
    ///       namespace = "ci"
    ///     }
    ///     spec = {
    ///       hostUsers = false
    ///       containers = [
    ///         {
    ///           name  = "builder"
    ///           image = "registry.example.com/builder:5.0.0"
    ///           securityContext = {
    ///             procMount = "Unmasked"
    ///           }
    ///         }
    ///       ]
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// # The provider's pod resources have no `proc_mount`; `kubernetes_manifest` sends the
    /// # object as written.
    /// resource "kubernetes_manifest" "builder" {
    ///   manifest = {
    ///     apiVersion = "v1"
    ///     kind       = "Pod"
    ///     metadata = {
    ///       name      = "builder"
    ///       namespace = "ci"
    ///     }
    ///     spec = {
    ///       hostUsers = false
    ///       containers = [
    ///         {
    ///           name  = "builder"
    ///           image = "registry.example.com/builder:5.0.0"
    ///           securityContext = {
    ///             procMount = "Default"
    ///           }
    ///         }
    ///       ]
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards: baseline, /proc mount type](https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)
    /// - NIST 800-53 SC-39
    pub ProcMount {
        id: "K8S-POD-018",
        name: "proc-mount-unmasked",
        severity: Medium,
        refs: ["PSS baseline", "NIST 800-53 SC-39"],
        fix: "remove `procMount` or set it to `Default`",
    }
}

impl Check for ProcMount {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for container in &workload.pod.containers {
            let proc_mount = &container.security.proc_mount;
            if let Some(kind) = proc_mount.get() {
                if kind != "Default" {
                    out.report_value(
                        &PROC_MOUNT,
                        proc_mount,
                        format!(
                            "{} mounts /proc `{kind}`, exposing the paths the runtime masks",
                            container.describe()
                        ),
                    );
                }
            }
        }
    }
}

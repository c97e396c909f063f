use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::HOST_PROCESS;
use crate::model::Resource;
use crate::rules::k8s::effective::report_containers;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Windows containers that run as HostProcess containers
    /// (`securityContext.windowsOptions.hostProcess: true`, on the container or inherited
    /// from the pod).
    ///
    /// ## Why is this bad?
    /// A HostProcess container is a process on the Windows node itself: it shares the node's
    /// network, sees its file system and can run as `NT AUTHORITY\SYSTEM`. It is the Windows
    /// equivalent of a privileged container. The Pod Security Standards forbid it at the
    /// baseline level.
    ///
    /// ## How to fix
    /// Remove `hostProcess: true`. Node agents that need it belong in a namespace with the
    /// `privileged` Pod Security level.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: apps/v1
    /// kind: DaemonSet
    /// metadata:
    ///   name: win-agent
    ///   namespace: monitoring
    /// spec:
    ///   template:
    ///     spec:
    ///       os:
    ///         name: windows
    ///       securityContext:
    ///         windowsOptions:
    ///           hostProcess: true
    ///           runAsUserName: "NT AUTHORITY\\SYSTEM"
    ///       hostNetwork: true
    ///       containers:
    ///         - name: agent
    ///           image: registry.example.com/win-agent:1.0.0
    /// ```
    /// ```k8s,good
    /// apiVersion: apps/v1
    /// kind: DaemonSet
    /// metadata:
    ///   name: win-agent
    ///   namespace: monitoring
    /// spec:
    ///   template:
    ///     spec:
    ///       os:
    ///         name: windows
    ///       securityContext:
    ///         windowsOptions:
    ///           runAsUserName: "ContainerUser"
    ///       containers:
    ///         - name: agent
    ///           image: registry.example.com/win-agent:1.0.0
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_daemon_set_v1" "win_agent" {
    ///   metadata {
    ///     name      = "win-agent"
    ///     namespace = "monitoring"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         os {
    ///           name = "windows"
    ///         }
    ///         security_context {
    ///           windows_options {
    ///             host_process    = true
    ///             run_as_username = "NT AUTHORITY\\SYSTEM"
    ///           }
    ///         }
    ///         host_network = true
    ///         container {
    ///           name  = "agent"
    ///           image = "registry.example.com/win-agent:1.0.0"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_daemon_set_v1" "win_agent" {
    ///   metadata {
    ///     name      = "win-agent"
    ///     namespace = "monitoring"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         os {
    ///           name = "windows"
    ///         }
    ///         security_context {
    ///           windows_options {
    ///             run_as_username = "ContainerUser"
    ///           }
    ///         }
    ///         container {
    ///           name  = "agent"
    ///           image = "registry.example.com/win-agent:1.0.0"
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards: baseline, HostProcess](https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)
    /// - CIS Kubernetes Benchmark 5.2.11; NIST 800-53 AC-6
    pub WindowsHostProcess {
        id: "K8S-POD-022",
        name: "windows-host-process",
        severity: Critical,
        refs: ["CIS Kubernetes 5.2.11", "PSS baseline", "NIST 800-53 AC-6"],
        fix: "remove `windowsOptions.hostProcess: true`",
    }
}

impl Check for WindowsHostProcess {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        report_containers(
            resource,
            out,
            &HOST_PROCESS,
            |container| &container.security.host_process,
            |host_process| host_process.is_true(),
            |subject, _| format!("`hostProcess: true` runs {subject} directly on the Windows node"),
        );
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::HOST_PATH;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags `hostPath` volumes that mount a container runtime socket (`docker.sock`,
    /// `containerd.sock`, `crio.sock`, ...), the node's root file system, a system directory
    /// (`/etc`, `/proc`, `/sys`, `/dev`, `/run`, `/var/run`, ...) or the kubelet's and the
    /// runtime's state (`/var/lib/kubelet`, `/etc/kubernetes`, `/var/lib/containerd`, ...), or
    /// a parent of any of these. Other `hostPath` volumes are reported by K8S-POD-012.
    ///
    /// ## Why is this bad?
    /// The runtime socket is root on the node: whoever can talk to it starts a privileged
    /// container with the host's file system mounted. `/`, `/etc` and the kubelet's directory
    /// hold the node's credentials (kubelet client certificate, every pod's service account
    /// token and mounted secrets); `/proc`, `/sys` and `/dev` reach the kernel. Mounting them
    /// read-only does not help: a socket can still be connected to, and secrets read.
    ///
    /// ## How to fix
    /// Remove the volume. Build images with a daemonless builder (BuildKit rootless, kaniko),
    /// read node metrics through the kubelet's API, and ship logs from `/var/log` only.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: builder
    ///   namespace: ci
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: builder
    ///           image: registry.example.com/builder:5.0.0
    ///           volumeMounts:
    ///             - name: docker
    ///               mountPath: /var/run/docker.sock
    ///       volumes:
    ///         - name: docker
    ///           hostPath:
    ///             path: /var/run/docker.sock
    /// ```
    /// ```k8s,good
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: builder
    ///   namespace: ci
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: builder
    ///           image: registry.example.com/kaniko:1.23.0
    ///           volumeMounts:
    ///             - name: workspace
    ///               mountPath: /workspace
    ///       volumes:
    ///         - name: workspace
    ///           emptyDir: {}
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_deployment_v1" "builder" {
    ///   metadata {
    ///     name      = "builder"
    ///     namespace = "ci"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         container {
    ///           name  = "builder"
    ///           image = "registry.example.com/builder:5.0.0"
    ///           volume_mount {
    ///             name       = "docker"
    ///             mount_path = "/var/run/docker.sock"
    ///           }
    ///         }
    ///         volume {
    ///           name = "docker"
    ///           host_path {
    ///             path = "/var/run/docker.sock"
    ///           }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_deployment_v1" "builder" {
    ///   metadata {
    ///     name      = "builder"
    ///     namespace = "ci"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         container {
    ///           name  = "builder"
    ///           image = "registry.example.com/kaniko:1.23.0"
    ///           volume_mount {
    ///             name       = "workspace"
    ///             mount_path = "/workspace"
    ///           }
    ///         }
    ///         volume {
    ///           name = "workspace"
    ///           empty_dir {}
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards: baseline, HostPath volumes](https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)
    /// - CIS Kubernetes Benchmark 5.2.12; NIST 800-53 AC-6, SC-39
    pub SensitiveHostPath {
        id: "K8S-POD-013",
        name: "sensitive-host-path",
        severity: Critical,
        refs: ["CIS Kubernetes 5.2.12", "PSS baseline", "NIST 800-53 AC-6", "NIST 800-53 SC-39"],
        fix: "remove the hostPath volume; never mount the runtime socket or system directories",
    }
}

/// Socket file names of container runtimes.
const RUNTIME_SOCKETS: [&str; 6] = [
    "docker.sock",
    "containerd.sock",
    "crio.sock",
    "cri-dockerd.sock",
    "dockershim.sock",
    "podman.sock",
];

/// Directories that are sensitive themselves (and so are their parents).
const SYSTEM_DIRECTORIES: [&str; 14] = [
    "/etc", "/proc", "/sys", "/dev", "/boot", "/root", "/run", "/var/run", "/var/lib", "/home",
    "/usr", "/bin", "/sbin", "/lib",
];

/// Directories whose whole subtree holds node credentials or runtime state.
const SENSITIVE_TREES: [&str; 11] = [
    "/etc/kubernetes",
    "/var/lib/kubelet",
    "/var/lib/docker",
    "/var/lib/containerd",
    "/var/lib/cri-o",
    "/run/containerd",
    "/var/run/containerd",
    "/run/crio",
    "/var/run/crio",
    "/var/run/docker",
    "/root",
];

/// Why mounting `path` from the node is critical, if it is.
pub fn sensitive(path: &str) -> Option<String> {
    let path = normalise(path);
    let file_name = path.rsplit('/').next().unwrap_or_default();
    if RUNTIME_SOCKETS.contains(&file_name) {
        return Some(format!(
            "`{path}` is the container runtime's socket, which controls every container on the node"
        ));
    }
    if path == "/" {
        return Some("`/` mounts the node's whole file system".to_string());
    }
    let below = |dir: &str| path == dir || path.starts_with(&format!("{dir}/"));
    let above = |dir: &str| dir.starts_with(&format!("{path}/"));
    if let Some(tree) = SENSITIVE_TREES
        .iter()
        .find(|tree| below(tree) || above(tree))
    {
        return Some(format!(
            "`{path}` exposes `{tree}`, which holds the node's credentials or runtime state"
        ));
    }
    if let Some(dir) = SYSTEM_DIRECTORIES
        .iter()
        .find(|dir| path == **dir || above(dir))
    {
        return Some(format!("`{path}` exposes the node's `{dir}` directory"));
    }
    None
}

/// Collapses `//`, `.` and `..`, and drops a trailing `/`, as the mount would.
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    format!("/{}", parts.join("/"))
}

impl Check for SensitiveHostPath {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for volume in &workload.pod.volumes {
            let Some(path) = &volume.host_path else {
                continue;
            };
            if let Some(reason) = path.get().and_then(|text| sensitive(text)) {
                out.report_value(
                    &HOST_PATH,
                    path,
                    format!("hostPath volume `{}`: {reason}", volume.name),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sensitive;

    #[test]
    fn runtime_sockets_system_directories_and_their_parents_are_sensitive() {
        for path in [
            "/var/run/docker.sock",
            "/run/containerd/containerd.sock",
            "//var/run//crio/crio.sock",
            "/",
            "/etc",
            "/etc/",
            "/var",
            "/var/lib/kubelet/pods",
            "/etc/kubernetes/pki",
            "/proc",
            "/srv/../etc",
        ] {
            assert!(sensitive(path).is_some(), "{path}");
        }
        for path in [
            "/var/log",
            "/etc/ssl/certs",
            "/data",
            "/mnt/disks/ssd0",
            "/sys/fs/cgroup",
        ] {
            assert!(sensitive(path).is_none(), "{path}");
        }
    }
}

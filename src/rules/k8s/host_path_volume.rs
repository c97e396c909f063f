use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::HOST_PATH;
use crate::model::{Kind, Resource};
use crate::rules::k8s::sensitive_host_path::sensitive;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags pods that mount a directory or file of the node (`hostPath` volumes). Runtime
    /// sockets and system directories are reported by K8S-POD-013 (critical) instead; a
    /// `hostPath` whose path cannot be known is reported here.
    ///
    /// ## Why is this bad?
    /// A `hostPath` volume ties the pod to one node and breaks the isolation between the pod
    /// and that node: a writable mount lets the pod plant files the node (or other pods)
    /// later trust, a read-only one can still leak logs, keys and other tenants' data, and
    /// symlinks inside the mount have led to escapes. The Pod Security Standards forbid
    /// `hostPath` at the baseline level.
    ///
    /// ## How to fix
    /// Use `emptyDir` for scratch space, a `persistentVolumeClaim` for data, `configMap` or
    /// `secret` volumes for configuration. Node agents that must read the host belong in a
    /// namespace with the `privileged` Pod Security level, with `readOnly: true` mounts.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: apps/v1
    /// kind: DaemonSet
    /// metadata:
    ///   name: logs
    ///   namespace: logging
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: shipper
    ///           image: registry.example.com/shipper:2.1.0
    ///           volumeMounts:
    ///             - name: data
    ///               mountPath: /data
    ///       volumes:
    ///         - name: data
    ///           hostPath:
    ///             path: /mnt/data
    /// ```
    /// ```k8s,good
    /// apiVersion: apps/v1
    /// kind: DaemonSet
    /// metadata:
    ///   name: logs
    ///   namespace: logging
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: shipper
    ///           image: registry.example.com/shipper:2.1.0
    ///           volumeMounts:
    ///             - name: data
    ///               mountPath: /data
    ///       volumes:
    ///         - name: data
    ///           persistentVolumeClaim:
    ///             claimName: shipper-data
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_daemon_set_v1" "logs" {
    ///   metadata {
    ///     name      = "logs"
    ///     namespace = "logging"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         container {
    ///           name  = "shipper"
    ///           image = "registry.example.com/shipper:2.1.0"
    ///           volume_mount {
    ///             name       = "data"
    ///             mount_path = "/data"
    ///           }
    ///         }
    ///         volume {
    ///           name = "data"
    ///           host_path {
    ///             path = "/mnt/data"
    ///           }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_daemon_set_v1" "logs" {
    ///   metadata {
    ///     name      = "logs"
    ///     namespace = "logging"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         container {
    ///           name  = "shipper"
    ///           image = "registry.example.com/shipper:2.1.0"
    ///           volume_mount {
    ///             name       = "data"
    ///             mount_path = "/data"
    ///           }
    ///         }
    ///         volume {
    ///           name = "data"
    ///           persistent_volume_claim {
    ///             claim_name = "shipper-data"
    ///           }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards: baseline, HostPath volumes](https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)
    /// - CIS Kubernetes Benchmark 5.2.12; NIST 800-53 AC-6
    pub HostPathVolume {
        id: "K8S-POD-012",
        name: "host-path-volume",
        severity: High,
        refs: ["CIS Kubernetes 5.2.12", "PSS baseline", "NIST 800-53 AC-6"],
        fix: "replace the hostPath volume with emptyDir, a persistentVolumeClaim, configMap or secret",
    }
}

impl Check for HostPathVolume {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for volume in &workload.pod.volumes {
            if volume.source.get().map(String::as_str) != Some("hostPath") {
                continue;
            }
            let path = volume.host_path.as_ref().and_then(|path| path.get());
            if path.is_some_and(|path| sensitive(path).is_some()) {
                continue; // K8S-POD-013 reports it, as critical.
            }
            let message = match path {
                Some(path) => format!(
                    "volume `{}` mounts `{path}` from the node (hostPath)",
                    volume.name
                ),
                None => format!(
                    "volume `{}` mounts a path of the node (hostPath)",
                    volume.name
                ),
            };
            match &volume.host_path {
                Some(path_val) if path.is_some() => out.report_value(&HOST_PATH, path_val, message),
                _ => out.report_value(&HOST_PATH, &volume.source, message),
            }
        }
    }
}

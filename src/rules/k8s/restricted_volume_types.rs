use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::VOLUMES;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags pod volumes of a type the Pod Security Standards `restricted` profile does not
    /// allow: anything but `configMap`, `csi`, `downwardAPI`, `emptyDir`, `ephemeral`,
    /// `persistentVolumeClaim`, `projected` and `secret` (for example `nfs`, `iscsi`,
    /// `awsElasticBlockStore`, `gitRepo`, `cephfs`). `hostPath` volumes are reported by
    /// K8S-POD-012 and K8S-POD-013.
    ///
    /// ## Why is this bad?
    /// In-tree volume types let the pod author reach storage directly (an NFS export, an iSCSI
    /// target, a cloud disk ID) with the node's credentials, bypassing the storage classes and
    /// PersistentVolumes that cluster administrators control. `gitRepo` even runs `git` on the
    /// node as root.
    ///
    /// ## How to fix
    /// Claim storage with a `persistentVolumeClaim` (backed by a StorageClass or a
    /// PersistentVolume the administrators define) or use a CSI driver.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: registry.example.com/web:1.4.2
    ///       volumes:
    ///         - name: shared
    ///           nfs:
    ///             server: 10.0.0.5
    ///             path: /exports/shop
    /// ```
    /// ```k8s,good
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   template:
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: registry.example.com/web:1.4.2
    ///       volumes:
    ///         - name: shared
    ///           persistentVolumeClaim:
    ///             claimName: shop-shared
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_deployment_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         container {
    ///           name  = "web"
    ///           image = "registry.example.com/web:1.4.2"
    ///           volume_mount {
    ///             name       = "shared"
    ///             mount_path = "/shared"
    ///           }
    ///         }
    ///         volume {
    ///           name = "shared"
    ///           nfs {
    ///             server = "10.0.0.5"
    ///             path   = "/exports/shop"
    ///           }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_deployment_v1" "web" {
    ///   metadata {
    ///     name      = "web"
    ///     namespace = "shop"
    ///   }
    ///   spec {
    ///     template {
    ///       metadata {}
    ///       spec {
    ///         container {
    ///           name  = "web"
    ///           image = "registry.example.com/web:1.4.2"
    ///           volume_mount {
    ///             name       = "shared"
    ///             mount_path = "/shared"
    ///           }
    ///         }
    ///         volume {
    ///           name = "shared"
    ///           persistent_volume_claim {
    ///             claim_name = "shop-shared"
    ///           }
    ///         }
    ///         volume {
    ///           name = "pod-info"
    ///           downward_api {
    ///             items {
    ///               path = "labels"
    ///               field_ref {
    ///                 field_path = "metadata.labels"
    ///               }
    ///             }
    ///           }
    ///         }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards: restricted, volume types](https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted)
    /// - NIST 800-53 AC-6
    pub RestrictedVolumeTypes {
        id: "K8S-POD-021",
        name: "restricted-volume-type",
        severity: Low,
        refs: ["PSS restricted", "NIST 800-53 AC-6"],
        fix: "use a persistentVolumeClaim or a CSI volume instead",
    }
}

const ALLOWED: [&str; 8] = [
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

impl Check for RestrictedVolumeTypes {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::Workload(workload) = &resource.kind else {
            return;
        };
        for volume in &workload.pod.volumes {
            let Some(source) = volume.source.get() else {
                continue;
            };
            if source != "hostPath" && !ALLOWED.contains(&source.as_str()) {
                out.report_value(
                    &VOLUMES,
                    &volume.source,
                    format!(
                        "volume `{}` is of type `{source}`, which the restricted profile does not allow",
                        volume.name
                    ),
                );
            }
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::fix::Remedy;
use crate::model::k8s::ENCRYPTED_PARAMETER;
use crate::model::{Kind, Resource};
use crate::rules::k8s::ebs_storage_class_unencrypted::report_missing;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags the cluster's default StorageClass (annotated
    /// `storageclass.kubernetes.io/is-default-class: "true"`) when it provisions Amazon EBS
    /// volumes (`ebs.csi.aws.com`, `kubernetes.io/aws-ebs`) without `encrypted: "true"`.
    /// Other EBS classes are judged by `K8S-STO-001`.
    ///
    /// ## Why is this bad?
    /// Every PersistentVolumeClaim that names no class gets the default one, so its data,
    /// and its snapshots, land on unencrypted disks without anyone choosing so. The `gp2`
    /// class older EKS clusters install is such a default.
    ///
    /// ## How to fix
    /// Add `encrypted: "true"` (and `kmsKeyId`) under `parameters`, or make an encrypted
    /// class the default and remove the annotation from this one.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: storage.k8s.io/v1
    /// kind: StorageClass
    /// metadata:
    ///   name: gp2
    ///   annotations:
    ///     storageclass.kubernetes.io/is-default-class: "true"
    /// provisioner: kubernetes.io/aws-ebs
    /// parameters:
    ///   type: gp2
    /// ```
    /// ```k8s,good
    /// apiVersion: storage.k8s.io/v1
    /// kind: StorageClass
    /// metadata:
    ///   name: gp3
    ///   annotations:
    ///     storageclass.kubernetes.io/is-default-class: "true"
    /// provisioner: ebs.csi.aws.com
    /// parameters:
    ///   type: gp3
    ///   encrypted: "true"
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_storage_class_v1" "gp2" {
    ///   metadata {
    ///     name = "gp2"
    ///     annotations = {
    ///       "storageclass.kubernetes.io/is-default-class" = "true"
    ///     }
    ///   }
    ///   storage_provisioner = "kubernetes.io/aws-ebs"
    ///   parameters = {
    ///     type = "gp2"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_storage_class_v1" "gp3" {
    ///   metadata {
    ///     name = "gp3"
    ///     annotations = {
    ///       "storageclass.kubernetes.io/is-default-class" = "true"
    ///     }
    ///   }
    ///   storage_provisioner = "ebs.csi.aws.com"
    ///   parameters = {
    ///     type      = "gp3"
    ///     encrypted = "true"
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Changing the default StorageClass](https://kubernetes.io/docs/tasks/administer-cluster/change-default-storage-class/)
    /// - [Amazon EBS CSI driver parameters](https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md)
    /// - CIS Amazon EKS Benchmark 5.3; NIST 800-53 SC-28
    pub EbsDefaultStorageClassUnencrypted {
        id: "K8S-STO-002",
        name: "ebs-default-storage-class-unencrypted",
        severity: Critical,
        refs: ["CIS EKS 5.3", "NIST 800-53 SC-28"],
        fix: "add `encrypted: \"true\"` to the default StorageClass's parameters",
    }
}

impl Check for EbsDefaultStorageClassUnencrypted {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::StorageClass(class) = &resource.kind else {
            return;
        };
        if !class.is_ebs() || !class.is_default {
            return;
        }
        match &class.encrypted {
            None => report_missing(
                resource,
                out,
                "every claim without a class gets unencrypted EBS volumes: this default StorageClass does not set `parameters.encrypted`",
            ),
            Some(encrypted) if encrypted.is_false() => out.report_value_with_fix(
                &ENCRYPTED_PARAMETER,
                encrypted,
                "every claim without a class gets unencrypted EBS volumes: this default StorageClass sets `parameters.encrypted` to false",
                Remedy::set_quoted(encrypted.span(), "true", "set `encrypted: \"true\"`"),
            ),
            Some(_) => {}
        }
    }
}

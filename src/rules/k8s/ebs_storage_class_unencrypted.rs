use crate::check::Context;
use crate::finding::Reporter;
use crate::fix::Remedy;
use crate::model::k8s::ENCRYPTED_PARAMETER;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags StorageClasses for Amazon EBS (`ebs.csi.aws.com`, `kubernetes.io/aws-ebs`) that do
    /// not set `encrypted: "true"`. The cluster's default class (annotated
    /// `storageclass.kubernetes.io/is-default-class`) is judged by `K8S-STO-002`, with a
    /// higher severity, since every claim without a class gets it.
    ///
    /// ## Why is this bad?
    /// The EBS provisioners create unencrypted volumes unless the class asks for encryption
    /// (or the account enables EBS encryption by default, which a manifest cannot show). Every
    /// PersistentVolume and its snapshots then hold application data in the clear. The `gp2`
    /// class that older EKS clusters install as default is such a class.
    ///
    /// ## How to fix
    /// Add `encrypted: "true"` under `parameters`, with `kmsKeyId` for a customer managed key.
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: storage.k8s.io/v1
    /// kind: StorageClass
    /// metadata:
    ///   name: gp2-retain
    /// provisioner: kubernetes.io/aws-ebs
    /// parameters:
    ///   type: gp2
    ///   fsType: ext4
    /// ```
    /// ```k8s,good
    /// apiVersion: storage.k8s.io/v1
    /// kind: StorageClass
    /// metadata:
    ///   name: gp3-encrypted
    /// provisioner: ebs.csi.aws.com
    /// parameters:
    ///   type: gp3
    ///   encrypted: "true"
    ///   kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_storage_class" "gp2" {
    ///   metadata {
    ///     name = "gp2"
    ///   }
    ///   storage_provisioner = "kubernetes.io/aws-ebs"
    ///   parameters = {
    ///     type = "gp2"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "kubernetes_storage_class" "gp3" {
    ///   metadata {
    ///     name = "gp3-encrypted"
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
    /// - [Amazon EBS CSI driver parameters](https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md)
    /// - CIS Amazon EKS Benchmark 5.3; NIST 800-53 SC-28
    pub EbsStorageClassUnencrypted {
        id: "K8S-STO-001",
        name: "ebs-storage-class-unencrypted",
        severity: High,
        refs: ["CIS EKS 5.3", "NIST 800-53 SC-28"],
        fix: "add `encrypted: \"true\"` under the StorageClass parameters",
    }
}

impl Check for EbsStorageClassUnencrypted {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::StorageClass(class) = &resource.kind else {
            return;
        };
        // The default class is K8S-STO-002's.
        if !class.is_ebs() || class.is_default {
            return;
        }
        match &class.encrypted {
            None => report_missing(
                resource,
                out,
                "EBS volumes from this StorageClass are unencrypted: `parameters.encrypted` is not set",
            ),
            Some(encrypted) if encrypted.is_false() => out.report_value_with_fix(
                &ENCRYPTED_PARAMETER,
                encrypted,
                "EBS volumes from this StorageClass are unencrypted: `parameters.encrypted` is false",
                Remedy::set_quoted(encrypted.span(), "true", "set `encrypted: \"true\"`"),
            ),
            Some(_) => {}
        }
    }
}

/// Reports a StorageClass without `parameters.encrypted`, with a fix that adds it when the
/// manifest's mappings are block style. Shared with the default-class rule (K8S-STO-002).
pub(crate) fn report_missing(resource: &Resource, out: &mut Reporter, message: &str) {
    let fix = resource
        .kubernetes_object()
        .and_then(|object| match object.get("parameters") {
            Some(parameters) => Remedy::add_entries(
                parameters,
                &["encrypted: \"true\""],
                "add `encrypted: \"true\"` to the StorageClass parameters",
            ),
            None => Remedy::add_entries(
                object,
                &["parameters:", "  encrypted: \"true\""],
                "add `parameters` with `encrypted: \"true\"` to the StorageClass",
            ),
        });
    match fix {
        Some(fix) => out.report_missing_with_fix(&ENCRYPTED_PARAMETER, message, fix),
        None => out.report_missing(&ENCRYPTED_PARAMETER, message),
    }
}

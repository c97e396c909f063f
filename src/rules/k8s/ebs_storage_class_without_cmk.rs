use crate::check::Context;
use crate::finding::Reporter;
use crate::model::k8s::ENCRYPTED_PARAMETER;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags EBS StorageClasses (`ebs.csi.aws.com`, `kubernetes.io/aws-ebs`) that encrypt
    /// volumes without naming a customer managed KMS key (`parameters.kmsKeyId`).
    ///
    /// ## Why is this bad?
    /// Without `kmsKeyId` volumes are encrypted with the account's AWS managed `aws/ebs` key:
    /// its policy cannot be changed, so you cannot limit who may decrypt, share snapshots
    /// with another account, or revoke access by disabling the key.
    ///
    /// ## How to fix
    /// Add `kmsKeyId` with the ARN of a customer managed key (and allow the EBS CSI driver's
    /// role to use it).
    ///
    /// ## Example
    /// ```k8s,bad
    /// apiVersion: storage.k8s.io/v1
    /// kind: StorageClass
    /// metadata:
    ///   name: gp3
    /// provisioner: ebs.csi.aws.com
    /// parameters:
    ///   type: gp3
    ///   encrypted: "true"
    /// ```
    /// ```k8s,good
    /// apiVersion: storage.k8s.io/v1
    /// kind: StorageClass
    /// metadata:
    ///   name: gp3
    /// provisioner: ebs.csi.aws.com
    /// parameters:
    ///   type: gp3
    ///   encrypted: "true"
    ///   kmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    /// ```
    /// ```tf,bad
    /// resource "kubernetes_storage_class_v1" "gp3" {
    ///   metadata {
    ///     name = "gp3"
    ///   }
    ///   storage_provisioner = "ebs.csi.aws.com"
    ///   parameters = {
    ///     type      = "gp3"
    ///     encrypted = "true"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_kms_key" "ebs" {
    ///   description         = "EBS volumes of the shop cluster"
    ///   enable_key_rotation = true
    /// }
    ///
    /// resource "kubernetes_storage_class_v1" "gp3" {
    ///   metadata {
    ///     name = "gp3"
    ///   }
    ///   storage_provisioner = "ebs.csi.aws.com"
    ///   parameters = {
    ///     type      = "gp3"
    ///     encrypted = "true"
    ///     kmsKeyId  = aws_kms_key.ebs.arn
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [Amazon EBS CSI driver parameters](https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md)
    /// - [AWS managed and customer managed keys](https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt)
    /// - CIS Amazon EKS Benchmark 5.3; NIST 800-53 SC-12, SC-28
    pub EbsStorageClassWithoutCmk {
        id: "K8S-STO-003",
        name: "ebs-storage-class-without-cmk",
        severity: Low,
        refs: ["CIS EKS 5.3", "NIST 800-53 SC-12", "NIST 800-53 SC-28"],
        fix: "add `kmsKeyId` with a customer managed KMS key ARN",
    }
}

impl Check for EbsStorageClassWithoutCmk {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::StorageClass(class) = &resource.kind else {
            return;
        };
        let Some(encrypted) = &class.encrypted else {
            return;
        };
        if !class.is_ebs() || !encrypted.is_true() {
            return;
        }
        let has_key = class
            .kms_key_id
            .as_ref()
            .is_some_and(|key| key.get().is_none_or(|k| !k.trim().is_empty()));
        if !has_key {
            out.report_value(
                &ENCRYPTED_PARAMETER,
                encrypted,
                "volumes are encrypted with the AWS managed `aws/ebs` key: `parameters.kmsKeyId` is not set",
            );
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::eks::ENCRYPTION;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags EKS clusters that do not encrypt Kubernetes Secrets with a KMS key (envelope
    /// encryption).
    ///
    /// ## Why is this bad?
    /// Without envelope encryption, Secrets are stored in etcd protected only by the volume
    /// encryption EKS applies to every cluster. Anyone who obtains an etcd backup or snapshot can
    /// read every Secret. With a customer managed KMS key, each Secret is encrypted with a data
    /// key that only the key's policy can unwrap, and access to it is logged in CloudTrail.
    ///
    /// ## How to fix
    /// Add an encryption configuration for the `secrets` resource with a KMS key you control.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_eks_cluster" "main" {
    ///   name     = "main"
    ///   role_arn = "arn:aws:iam::123456789012:role/eks"
    ///   vpc_config {
    ///     subnet_ids = ["subnet-1", "subnet-2"]
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_kms_key" "eks" {
    ///   enable_key_rotation = true
    /// }
    /// resource "aws_eks_cluster" "main" {
    ///   name     = "main"
    ///   role_arn = "arn:aws:iam::123456789012:role/eks"
    ///   vpc_config {
    ///     subnet_ids = ["subnet-1", "subnet-2"]
    ///   }
    ///   encryption_config {
    ///     resources = ["secrets"]
    ///     provider {
    ///       key_arn = aws_kms_key.eks.arn
    ///     }
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Cluster:
    ///     Type: AWS::EKS::Cluster
    ///     Properties:
    ///       RoleArn: arn:aws:iam::123456789012:role/eks
    ///       ResourcesVpcConfig:
    ///         SubnetIds: [subnet-1, subnet-2]
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Key:
    ///     Type: AWS::KMS::Key
    ///   Cluster:
    ///     Type: AWS::EKS::Cluster
    ///     Properties:
    ///       RoleArn: arn:aws:iam::123456789012:role/eks
    ///       ResourcesVpcConfig:
    ///         SubnetIds: [subnet-1, subnet-2]
    ///       EncryptionConfig:
    ///         - Resources: [secrets]
    ///           Provider:
    ///             KeyArn: !GetAtt Key.Arn
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks",
    ///   "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]},
    ///   "EncryptionConfig": [{"Resources": ["configmaps"], "Provider": {"KeyArn": "arn:aws:kms:eu-west-1:123456789012:key/1"}}]}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Cluster": {"Type": "AWS::EKS::Cluster", "Properties": {
    ///   "RoleArn": "arn:aws:iam::123456789012:role/eks",
    ///   "ResourcesVpcConfig": {"SubnetIds": ["subnet-1"]},
    ///   "EncryptionConfig": [{"Resources": ["secrets"], "Provider": {"KeyArn": "arn:aws:kms:eu-west-1:123456789012:key/1"}}]}}}}
    /// ```
    /// ```eksctl,bad
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// ```
    /// ```eksctl,good
    /// apiVersion: eksctl.io/v1alpha5
    /// kind: ClusterConfig
    /// metadata:
    ///   name: main
    ///   region: eu-west-1
    /// secretsEncryption:
    ///   keyARN: arn:aws:kms:eu-west-1:123456789012:key/1
    /// ```
    ///
    /// ## References
    /// - [Amazon EKS: envelope encryption of Secrets](https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html)
    /// - CIS Amazon EKS Benchmark 5.3.1; NIST 800-53 SC-28
    pub EksSecretsEncryption {
        id: "AWS-EKS-001",
        name: "eks-secrets-encryption",
        severity: High,
        refs: ["CIS EKS 5.3.1", "CCE-90708-9", "NIST 800-53 SC-28"],
        fix: "add an encryption configuration for `secrets` with a KMS key",
    }
}

impl Check for EksSecretsEncryption {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::EksCluster(cluster) = &resource.kind else {
            return;
        };
        if cluster.encryption.is_empty() {
            let message = format!(
                "Kubernetes Secrets of this EKS cluster are not encrypted with a KMS key: `{}` is not set",
                out.name(&ENCRYPTION)
            );
            out.report_missing(&ENCRYPTION, message);
            return;
        }
        let mut covers_secrets = false;
        for config in &cluster.encryption {
            let Some(resources) = config.resources.get() else {
                return; // Which resources are encrypted is unknown: nothing to say.
            };
            let lists_secrets = resources
                .iter()
                .any(|r| r.get().is_none_or(|name| name == "secrets"));
            if lists_secrets && config.key_arn.is_some() {
                covers_secrets = true;
            } else if lists_secrets {
                out.report_at(
                    config.span,
                    ENCRYPTION.id,
                    "the encryption configuration names no KMS key for its provider",
                );
                return;
            }
        }
        if !covers_secrets {
            let last = cluster.encryption.last().expect("not empty");
            out.report_value(
                &ENCRYPTION,
                &last.resources,
                "the encryption configuration does not include `secrets`, so Secrets are not envelope-encrypted",
            );
        }
    }
}

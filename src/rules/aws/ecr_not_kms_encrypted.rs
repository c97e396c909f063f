use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::ecr::ENCRYPTION_TYPE;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags ECR repositories encrypted with the default `AES256` (S3-managed keys) instead of
    /// a KMS key.
    ///
    /// ## Why is this bad?
    /// Images are always encrypted at rest, so the risk is limited; but with AWS-owned keys
    /// nobody can restrict or audit who decrypts image layers. A KMS key (ideally customer
    /// managed) puts image access under a key policy and logs every use in CloudTrail.
    ///
    /// ## How to fix
    /// Set `encryption_configuration.encryption_type` to `KMS`, with a `kms_key` of your own.
    /// The encryption of a repository cannot be changed after creation.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_ecr_repository" "app" {
    ///   name                 = "app"
    ///   image_tag_mutability = "IMMUTABLE"
    ///   encryption_configuration {
    ///     encryption_type = "AES256"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_ecr_repository" "app" {
    ///   name                 = "app"
    ///   image_tag_mutability = "IMMUTABLE"
    ///   encryption_configuration {
    ///     encryption_type = "KMS"
    ///     kms_key         = aws_kms_key.ecr.arn
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   App:
    ///     Type: AWS::ECR::Repository
    ///     Properties:
    ///       RepositoryName: app
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   App:
    ///     Type: AWS::ECR::Repository
    ///     Properties:
    ///       RepositoryName: app
    ///       EncryptionConfiguration:
    ///         EncryptionType: KMS
    ///         KmsKey: !GetAtt EcrKey.Arn
    ///   EcrKey:
    ///     Type: AWS::KMS::Key
    ///     Properties:
    ///       EnableKeyRotation: true
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"App": {"Type": "AWS::ECR::Repository", "Properties": {
    ///   "RepositoryName": "app", "EncryptionConfiguration": {"EncryptionType": "AES256"}}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"App": {"Type": "AWS::ECR::Repository", "Properties": {
    ///   "RepositoryName": "app", "EncryptionConfiguration": {"EncryptionType": "KMS"}}}}}
    /// ```
    ///
    /// ## References
    /// - [Encryption at rest in Amazon ECR](https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html)
    /// - NIST 800-53 SC-28, SC-12
    pub EcrNotKmsEncrypted {
        id: "AWS-ECR-003",
        name: "ecr-not-kms-encrypted",
        severity: Low,
        refs: ["NIST 800-53 SC-28", "NIST 800-53 SC-12"],
        fix: "set `encryption_configuration.encryption_type` to `KMS` with a customer managed key",
    }
}

impl Check for EcrNotKmsEncrypted {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::EcrRepository(repository) = &resource.kind else {
            return;
        };
        let encryption = &repository.encryption_type;
        if !encryption
            .get()
            .is_some_and(|v| v.eq_ignore_ascii_case("AES256"))
        {
            return;
        }
        let attr = out.name(&ENCRYPTION_TYPE);
        let message = if encryption.is_default() {
            format!("the repository is not encrypted with KMS: `{attr}` is not set and defaults to `AES256`")
        } else {
            format!("the repository is not encrypted with KMS: `{attr}` is `AES256`")
        };
        out.report_value(&ENCRYPTION_TYPE, encryption, message);
    }
}

//! Amazon EBS volumes (`AWS::EC2::Volume`, `aws_ebs_volume`).

use crate::model::Val;

#[derive(Debug)]
pub struct Volume {
    /// Whether the volume is encrypted at rest. Without account-level default encryption,
    /// which cannot be seen from a template, an unset value means unencrypted.
    pub encrypted: Val<bool>,
    /// The customer managed key, when one is named.
    pub kms_key_id: Option<Val<String>>,
}

use crate::model::Attr;

pub const ENCRYPTED: Attr = Attr {
    id: "encrypted",
    terraform: "encrypted",
    cloudformation: "Encrypted",
    kubernetes: "encrypted",
};

/// Account-level EBS encryption by default in one region (`aws_ebs_encryption_by_default`;
/// CloudFormation has no resource for it).
#[derive(Debug)]
pub struct DefaultEncryption {
    /// Whether new volumes are encrypted by default (Terraform default: true).
    pub enabled: Val<bool>,
}

pub const DEFAULT_ENCRYPTION_ENABLED: Attr = Attr::uniform("enabled");

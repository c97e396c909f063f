//! AWS KMS keys (`aws_kms_key`, `AWS::KMS::Key`).

use crate::model::{Attr, Val};

#[derive(Debug)]
pub struct Key {
    /// Whether KMS rotates the key material every year (default: no).
    pub rotation: Val<bool>,
    /// `SYMMETRIC_DEFAULT` (default), an RSA, ECC, HMAC or SM2 spec. Only symmetric
    /// encryption keys can be rotated automatically.
    pub spec: Val<String>,
    /// Where the key material comes from: `AWS_KMS` (default), `EXTERNAL` (imported, cannot be
    /// rotated automatically) or a custom key store.
    pub origin: Val<String>,
}

impl Key {
    /// Known to be a symmetric key whose material KMS generates, the keys automatic rotation
    /// applies to.
    pub fn can_rotate(&self) -> bool {
        self.spec.get().is_some_and(|s| s == "SYMMETRIC_DEFAULT")
            && self.origin.get().is_some_and(|o| o == "AWS_KMS")
    }
}

pub const ROTATION: Attr = Attr {
    id: "enable_key_rotation",
    terraform: "enable_key_rotation",
    cloudformation: "EnableKeyRotation",
    kubernetes: "enable_key_rotation",
};

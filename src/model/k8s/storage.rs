//! Storage and secret objects: `StorageClass` and `Secret`.

use crate::model::Val;
use crate::source::Span;

#[derive(Debug)]
pub struct StorageClass {
    pub provisioner: Val<String>,
    /// `parameters.encrypted`; the EBS provisioners' default is unencrypted.
    pub encrypted: Option<Val<bool>>,
    /// `parameters.kmsKeyId`.
    pub kms_key_id: Option<Val<String>>,
    /// Marked as the cluster's default class by annotation.
    pub is_default: bool,
}

impl StorageClass {
    /// Provisioners that create Amazon EBS volumes.
    pub fn is_ebs(&self) -> bool {
        matches!(
            self.provisioner.get().map(String::as_str),
            Some("kubernetes.io/aws-ebs" | "ebs.csi.aws.com")
        )
    }
}

#[derive(Debug)]
pub struct Secret {
    pub secret_type: Option<String>,
    /// The `data` and `stringData` sections that hold values: the key's span and the names of
    /// the entries.
    pub sections: Vec<SecretSection>,
}

#[derive(Debug)]
pub struct SecretSection {
    /// `data` or `stringData`.
    pub name: String,
    pub key_span: Span,
    pub keys: Vec<String>,
}

use crate::model::Attr;

pub const ENCRYPTED_PARAMETER: Attr = Attr {
    id: "parameters.encrypted",
    terraform: "parameters.encrypted",
    cloudformation: "parameters.encrypted",
    kubernetes: "parameters.encrypted",
};

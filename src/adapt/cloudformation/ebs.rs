//! `AWS::EC2::Volume` to [`Volume`]. (EBS encryption by default is an account setting with no
//! CloudFormation resource.)

use crate::adapt::read::{bool_field, str_field};
use crate::model::aws::ebs::Volume;
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn volume(properties: &Node, header: Span) -> Volume {
    Volume {
        encrypted: bool_field(Some(properties), "Encrypted")
            .unwrap_or_else(|| Val::default(false, header)),
        kms_key_id: str_field(Some(properties), "KmsKeyId"),
    }
}

//! `AWS::KMS::Key` to [`Key`].

use crate::adapt::read::{bool_field, str_field};
use crate::model::aws::kms::Key;
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn key(properties: &Node, header: Span) -> Key {
    Key {
        rotation: bool_field(Some(properties), "EnableKeyRotation")
            .unwrap_or_else(|| Val::default(false, header)),
        spec: str_field(Some(properties), "KeySpec")
            .unwrap_or_else(|| Val::default("SYMMETRIC_DEFAULT".to_string(), header)),
        origin: str_field(Some(properties), "Origin")
            .unwrap_or_else(|| Val::default("AWS_KMS".to_string(), header)),
    }
}

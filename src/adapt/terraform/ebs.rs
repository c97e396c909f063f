//! `aws_ebs_volume` to [`Volume`], `aws_ebs_encryption_by_default` to [`DefaultEncryption`].

use crate::adapt::read::{bool_field, str_field};
use crate::model::aws::ebs::{DefaultEncryption, Volume};
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn volume(body: &Node, header: Span) -> Volume {
    Volume {
        encrypted: bool_field(Some(body), "encrypted")
            .unwrap_or_else(|| Val::default(false, header)),
        kms_key_id: str_field(Some(body), "kms_key_id"),
    }
}

pub fn default_encryption(body: &Node, header: Span) -> DefaultEncryption {
    DefaultEncryption {
        enabled: bool_field(Some(body), "enabled").unwrap_or_else(|| Val::default(true, header)),
    }
}

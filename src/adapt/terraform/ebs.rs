//! `aws_ebs_volume` to [`Volume`].

use crate::adapt::read::{bool_field, str_field};
use crate::model::aws::ebs::Volume;
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

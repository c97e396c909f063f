//! `aws_cloudtrail` to [`Trail`].

use crate::adapt::read::{bool_field, str_field};
use crate::model::aws::cloudtrail::Trail;
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn trail(body: &Node, header: Span) -> Trail {
    Trail {
        multi_region: bool_field(Some(body), "is_multi_region_trail")
            .unwrap_or_else(|| Val::default(false, header)),
        log_file_validation: bool_field(Some(body), "enable_log_file_validation")
            .unwrap_or_else(|| Val::default(false, header)),
        // Plan JSON writes `""` for an unset key.
        kms_key_id: str_field(Some(body), "kms_key_id")
            .filter(|key| key.get().map(String::as_str) != Some("")),
    }
}

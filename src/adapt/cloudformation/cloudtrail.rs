//! `AWS::CloudTrail::Trail` to [`Trail`].

use crate::adapt::read::{bool_field, str_field};
use crate::model::aws::cloudtrail::Trail;
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn trail(properties: &Node, header: Span) -> Trail {
    Trail {
        multi_region: bool_field(Some(properties), "IsMultiRegionTrail")
            .unwrap_or_else(|| Val::default(false, header)),
        log_file_validation: bool_field(Some(properties), "EnableLogFileValidation")
            .unwrap_or_else(|| Val::default(false, header)),
        kms_key_id: str_field(Some(properties), "KMSKeyId"),
    }
}

//! `aws_securityhub_account` to [`Hub`].

use crate::adapt::read::bool_field;
use crate::model::aws::security_hub::Hub;
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn hub(body: &Node, header: Span) -> Hub {
    Hub {
        default_standards: bool_field(Some(body), "enable_default_standards")
            .unwrap_or_else(|| Val::default(true, header)),
    }
}

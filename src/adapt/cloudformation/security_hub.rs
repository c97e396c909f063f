//! `AWS::SecurityHub::Hub` to [`Hub`].

use crate::adapt::read::bool_field;
use crate::model::aws::security_hub::Hub;
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn hub(properties: &Node, header: Span) -> Hub {
    Hub {
        default_standards: bool_field(Some(properties), "EnableDefaultStandards")
            .unwrap_or_else(|| Val::default(true, header)),
    }
}

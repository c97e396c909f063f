//! `aws_guardduty_detector` to [`Detector`], `aws_guardduty_detector_feature` to [`Feature`].

use crate::adapt::read::{bool_field, field, str_field};
use crate::model::aws::guardduty::{Detector, Feature};
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

use super::link::link;

pub fn detector(body: &Node, header: Span) -> Detector {
    let kubernetes = field(field(Some(body), "datasources"), "kubernetes");
    let audit_logs = field(kubernetes, "audit_logs");
    Detector {
        enabled: bool_field(Some(body), "enable").unwrap_or_else(|| Val::default(true, header)),
        eks_audit_logs: match audit_logs {
            Some(block) if block.is_unknown() => Some(Val::from_bool_node(block)),
            _ => bool_field(audit_logs, "enable"),
        },
    }
}

pub fn feature(body: &Node, header: Span) -> Feature {
    fn missing<T>(what: &str, header: Span) -> Val<T> {
        Val::unknown(format!("`{what}` is not set"), header)
    }
    Feature {
        detector: field(Some(body), "detector_id")
            .map(link)
            .unwrap_or_else(|| missing("detector_id", header)),
        name: str_field(Some(body), "name").unwrap_or_else(|| missing("name", header)),
        status: str_field(Some(body), "status").unwrap_or_else(|| missing("status", header)),
    }
}

//! `aws_wafv2_web_acl_association`, `aws_wafregional_web_acl_association` and
//! `aws_shield_protection` to [`Protection`]: the resource their `resource_arn` names.

use super::elb::target;
use crate::adapt::read::field;
use crate::model::aws::waf::Protection;
use crate::parse::Node;

pub fn protection(body: &Node) -> Protection {
    Protection {
        target: target(field(Some(body), "resource_arn")),
    }
}

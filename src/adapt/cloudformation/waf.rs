//! `AWS::WAFv2::WebACLAssociation`, `AWS::WAFRegional::WebACLAssociation` and
//! `AWS::Shield::Protection` to [`Protection`]: the resource their `ResourceArn` names.

use super::elb::{target, Raw};
use crate::model::aws::waf::Protection;
use crate::parse::Node;

pub fn protection(properties: &Node, raw: &Raw) -> Protection {
    Protection {
        target: target(properties, raw, "ResourceArn"),
    }
}

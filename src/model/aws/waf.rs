//! What protects a resource at the edge: WAF web ACL associations
//! (`aws_wafv2_web_acl_association`, `aws_wafregional_web_acl_association`,
//! `AWS::WAFv2::WebACLAssociation`, `AWS::WAFRegional::WebACLAssociation`) and Shield Advanced
//! protections (`aws_shield_protection`, `AWS::Shield::Protection`).
//!
//! Neither is a setting of the protected resource: each is a resource of its own that names it
//! by ARN, so rules ask the whole scan (see [`super::elb::Target`]).

use super::elb::Target;

#[derive(Debug)]
pub struct Protection {
    /// The resource the web ACL or the Shield protection applies to.
    pub target: Target,
}

use crate::model::Attr;

pub const WEB_ACL_ASSOCIATION: Attr = Attr {
    id: "web_acl_association",
    terraform: "aws_wafv2_web_acl_association",
    cloudformation: "AWS::WAFv2::WebACLAssociation",
    kubernetes: "web_acl_association",
};
pub const SHIELD_PROTECTION: Attr = Attr {
    id: "shield_protection",
    terraform: "aws_shield_protection",
    cloudformation: "AWS::Shield::Protection",
    kubernetes: "shield_protection",
};

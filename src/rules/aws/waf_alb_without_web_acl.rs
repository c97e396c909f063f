use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::waf::WEB_ACL_ASSOCIATION;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags internet-facing Application Load Balancers that no WAF web ACL association of
    /// the scan (`aws_wafv2_web_acl_association`, `AWS::WAFv2::WebACLAssociation`, or their
    /// WAF Classic regional forms) refers to.
    ///
    /// The association is a resource of its own that names the load balancer by ARN
    /// (`aws_lb.web.arn`, `!Ref Web`, `!GetAtt Web.LoadBalancerArn`). When some association's
    /// target cannot be followed (a variable, a module output, a data source, an import), it
    /// may be protecting any load balancer, so nothing is reported.
    ///
    /// ## Why is this bad?
    /// An internet-facing ALB in front of a cluster receives every scanner, credential
    /// stuffing bot and exploit attempt on the internet. A web ACL with the AWS managed rule
    /// groups (common rule set, known bad inputs, IP reputation) blocks much of that traffic
    /// before it reaches the pods, and rate-based rules slow down floods.
    ///
    /// ## How to fix
    /// Associate a WAFv2 web ACL (scope `REGIONAL`) with the load balancer.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_lb" "web" {
    ///   name    = "web"
    ///   subnets = ["subnet-1", "subnet-2"]
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_lb" "web" {
    ///   name    = "web"
    ///   subnets = ["subnet-1", "subnet-2"]
    /// }
    /// resource "aws_wafv2_web_acl_association" "web" {
    ///   resource_arn = aws_lb.web.arn
    ///   web_acl_arn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Web:
    ///     Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    ///     Properties:
    ///       Subnets: [subnet-1, subnet-2]
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Web:
    ///     Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    ///     Properties:
    ///       Subnets: [subnet-1, subnet-2]
    ///   WebAcl:
    ///     Type: AWS::WAFv2::WebACLAssociation
    ///     Properties:
    ///       ResourceArn: !Ref Web
    ///       WebACLArn: arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Web": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {
    ///   "Scheme": "internet-facing", "Subnets": ["subnet-1", "subnet-2"]}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {
    ///   "Web": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {
    ///     "Scheme": "internet-facing", "Subnets": ["subnet-1", "subnet-2"]}},
    ///   "WebAcl": {"Type": "AWS::WAFv2::WebACLAssociation", "Properties": {
    ///     "ResourceArn": {"Fn::GetAtt": ["Web", "LoadBalancerArn"]},
    ///     "WebACLArn": "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"}}}}
    /// ```
    ///
    /// ## References
    /// - [Associating a web ACL with an AWS resource](https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html)
    /// - [AWS Managed Rules for AWS WAF](https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups.html)
    /// - NIST 800-53 SC-7, SI-4
    pub WafAlbWithoutWebAcl {
        id: "AWS-WAF-001",
        name: "alb-without-waf",
        severity: Medium,
        refs: ["NIST 800-53 SC-7", "NIST 800-53 SI-4"],
        fix: "associate a WAFv2 web ACL with the load balancer (`aws_wafv2_web_acl_association`)",
    }
}

impl Check for WafAlbWithoutWebAcl {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Kind::LoadBalancer(lb) = &resource.kind else {
            return;
        };
        if !lb.is_public_application() {
            return;
        }
        let associations = cx.resources.iter().filter_map(|r| match &r.kind {
            Kind::WafAssociation(association) => Some(&association.target),
            _ => None,
        });
        let mut protected = false;
        for target in associations {
            // A target that cannot be followed may be this load balancer.
            if target.is_unresolved() || target.names(resource) {
                protected = true;
                break;
            }
        }
        if !protected {
            let association = out.name(&WEB_ACL_ASSOCIATION);
            out.report_missing(
                &WEB_ACL_ASSOCIATION,
                format!("the internet-facing application load balancer has no WAF web ACL: no `{association}` refers to it"),
            );
        }
    }
}

use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::waf::SHIELD_PROTECTION;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Informational: flags internet-facing Application Load Balancers that no Shield
    /// Advanced protection of the scan (`aws_shield_protection`, `AWS::Shield::Protection`)
    /// refers to. As with WAF associations, a protection whose target cannot be followed may
    /// cover any load balancer, so nothing is reported then.
    ///
    /// ## Why is this bad?
    /// Shield Standard protects every AWS account against common network-layer floods at no
    /// cost. Shield Advanced adds application-layer DDoS detection and automatic mitigation
    /// with WAF, the Shield Response Team, and cost protection against scaling caused by an
    /// attack. It is a paid subscription: whether a load balancer needs it is a business
    /// decision, hence the low severity.
    ///
    /// ## How to fix
    /// With a Shield Advanced subscription, add a protection for the load balancer; otherwise
    /// accept the finding (or leave the rule out of the ruleset).
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
    /// resource "aws_shield_protection" "web" {
    ///   name         = "web"
    ///   resource_arn = aws_lb.web.arn
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
    ///   WebShield:
    ///     Type: AWS::Shield::Protection
    ///     Properties:
    ///       Name: web
    ///       ResourceArn: !Ref Web
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Web": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {
    ///   "Subnets": ["subnet-1", "subnet-2"]}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {
    ///   "Web": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {
    ///     "Subnets": ["subnet-1", "subnet-2"]}},
    ///   "WebShield": {"Type": "AWS::Shield::Protection", "Properties": {
    ///     "Name": "web", "ResourceArn": {"Ref": "Web"}}}}}
    /// ```
    ///
    /// ## References
    /// - [AWS Shield Advanced resource protections](https://docs.aws.amazon.com/waf/latest/developerguide/ddos-manage-protected-resources.html)
    /// - NIST 800-53 SC-5
    pub ShieldAlbWithoutProtection {
        id: "AWS-SHIELD-001",
        name: "alb-without-shield-advanced",
        severity: Low,
        refs: ["NIST 800-53 SC-5"],
        fix: "add a Shield Advanced protection (`aws_shield_protection`) for the load balancer",
    }
}

impl Check for ShieldAlbWithoutProtection {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Kind::LoadBalancer(lb) = &resource.kind else {
            return;
        };
        if !lb.is_public_application() {
            return;
        }
        let protected = cx.resources.iter().any(|r| match &r.kind {
            Kind::ShieldProtection(protection) => {
                protection.target.is_unresolved() || protection.target.names(resource)
            }
            _ => false,
        });
        if !protected {
            let protection = out.name(&SHIELD_PROTECTION);
            out.report_missing(
                &SHIELD_PROTECTION,
                format!("the internet-facing application load balancer has no Shield Advanced protection: no `{protection}` refers to it"),
            );
        }
    }
}

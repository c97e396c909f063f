use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::elb::{allows_old_tls, SSL_POLICY};
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags HTTPS and TLS listeners whose security policy still accepts TLS 1.0 or TLS 1.1:
    /// `ELBSecurityPolicy-2016-08` (what the API, CloudFormation and Terraform use when
    /// `ssl_policy` is not set), `ELBSecurityPolicy-2015-05`,
    /// `ELBSecurityPolicy-TLS-1-0-2015-04`, `ELBSecurityPolicy-TLS-1-1-2017-01`,
    /// `ELBSecurityPolicy-FS-2018-06`, `ELBSecurityPolicy-FS-1-1-2019-08`, and the
    /// `ELBSecurityPolicy-TLS13-1-0-*` and `ELBSecurityPolicy-TLS13-1-1-*` families.
    ///
    /// ## Why is this bad?
    /// TLS 1.0 and 1.1 are deprecated (RFC 8996): they rely on SHA-1 and CBC constructions
    /// with known attacks, and a client can be downgraded to them. PCI DSS and most
    /// compliance regimes require TLS 1.2 or newer.
    ///
    /// ## How to fix
    /// Set the security policy to a TLS 1.2+ policy such as
    /// `ELBSecurityPolicy-TLS13-1-2-2021-06` (or `ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09`).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_lb_listener" "web" {
    ///   load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
    ///   port              = 443
    ///   protocol          = "HTTPS"
    ///   certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-111122223333"
    ///   default_action {
    ///     type             = "forward"
    ///     target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_lb_listener" "web" {
    ///   load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
    ///   port              = 443
    ///   protocol          = "HTTPS"
    ///   ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
    ///   certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-111122223333"
    ///   default_action {
    ///     type             = "forward"
    ///     target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067"
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Tls:
    ///     Type: AWS::ElasticLoadBalancingV2::Listener
    ///     Properties:
    ///       LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/api/50dc6c495c0c9188
    ///       Port: 443
    ///       Protocol: TLS
    ///       SslPolicy: ELBSecurityPolicy-TLS-1-1-2017-01
    ///       Certificates:
    ///         - CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-111122223333
    ///       DefaultActions:
    ///         - Type: forward
    ///           TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/73e2d6bc24d8a067
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Tls:
    ///     Type: AWS::ElasticLoadBalancingV2::Listener
    ///     Properties:
    ///       LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/api/50dc6c495c0c9188
    ///       Port: 443
    ///       Protocol: TLS
    ///       SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
    ///       Certificates:
    ///         - CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-111122223333
    ///       DefaultActions:
    ///         - Type: forward
    ///           TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/73e2d6bc24d8a067
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Https": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
    ///   "LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188",
    ///   "Port": 443, "Protocol": "HTTPS", "SslPolicy": "ELBSecurityPolicy-TLS13-1-0-2021-06",
    ///   "Certificates": [{"CertificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-111122223333"}],
    ///   "DefaultActions": [{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}]}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Https": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
    ///   "LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188",
    ///   "Port": 443, "Protocol": "HTTPS", "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    ///   "Certificates": [{"CertificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-111122223333"}],
    ///   "DefaultActions": [{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}]}}}}
    /// ```
    ///
    /// ## References
    /// - [Security policies for your Application Load Balancer](https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html)
    /// - [Security policies for your Network Load Balancer](https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html)
    /// - CIS Amazon EKS Benchmark 5.4.5; EKS hardening "TLS to load balancers" CCE-89133-3; NIST 800-53 SC-8, SC-13
    pub ElbListenerOutdatedTls {
        id: "AWS-ELB-002",
        name: "elb-listener-outdated-tls",
        severity: Medium,
        refs: ["CIS EKS 5.4.5", "CCE-89133-3", "NIST 800-53 SC-8", "NIST 800-53 SC-13"],
        fix: "set the security policy to `ELBSecurityPolicy-TLS13-1-2-2021-06` or another TLS 1.2+ policy",
    }
}

impl Check for ElbListenerOutdatedTls {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::LbListener(listener) = &resource.kind else {
            return;
        };
        let Some(policy) = &listener.ssl_policy else {
            return;
        };
        let Some(name) = policy.get().filter(|name| allows_old_tls(name)) else {
            return;
        };
        let attr = out.name(&SSL_POLICY);
        let message = if policy.is_default() {
            format!("the listener accepts TLS 1.0 and 1.1: `{attr}` is not set and defaults to `{name}`")
        } else {
            format!("the listener accepts TLS 1.0 or 1.1: `{attr}` is `{name}`")
        };
        out.report_value(&SSL_POLICY, policy, message);
    }
}

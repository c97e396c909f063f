use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::elb::PROTOCOL;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags Network Load Balancer listeners on plain `TCP` (or `TCP_UDP`) instead of `TLS`.
    ///
    /// ## Why is this bad?
    /// A TCP listener does not encrypt: unless every client speaks TLS to the targets
    /// themselves (TLS pass-through), traffic between clients and the load balancer is in
    /// clear text. Terminating TLS on the listener encrypts it with an ACM certificate and a
    /// security policy you control. When the targets terminate TLS on purpose, suppress this
    /// finding with that reason; that is why this rule is of low severity.
    ///
    /// ## How to fix
    /// Use a `TLS` listener with a certificate and a TLS 1.2+ security policy, or document
    /// the pass-through with an inline suppression.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_lb_listener" "api" {
    ///   load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/api/50dc6c495c0c9188"
    ///   port              = 8080
    ///   protocol          = "TCP"
    ///   default_action {
    ///     type             = "forward"
    ///     target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/73e2d6bc24d8a067"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_lb_listener" "api" {
    ///   load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/api/50dc6c495c0c9188"
    ///   port              = 443
    ///   protocol          = "TLS"
    ///   ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
    ///   certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-111122223333"
    ///   default_action {
    ///     type             = "forward"
    ///     target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/73e2d6bc24d8a067"
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Api:
    ///     Type: AWS::ElasticLoadBalancingV2::Listener
    ///     Properties:
    ///       LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/api/50dc6c495c0c9188
    ///       Port: 8080
    ///       Protocol: TCP
    ///       DefaultActions:
    ///         - Type: forward
    ///           TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/73e2d6bc24d8a067
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Api:
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
    /// {"Resources": {"Api": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
    ///   "LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/api/50dc6c495c0c9188",
    ///   "Port": 53, "Protocol": "TCP_UDP",
    ///   "DefaultActions": [{"Type": "forward", "TargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dns/73e2d6bc24d8a067"}]}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Api": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
    ///   "LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/api/50dc6c495c0c9188",
    ///   "Port": 53, "Protocol": "UDP",
    ///   "DefaultActions": [{"Type": "forward", "TargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dns/73e2d6bc24d8a067"}]}}}}
    /// ```
    ///
    /// ## References
    /// - [Listeners for your Network Load Balancers](https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html)
    /// - CIS Amazon EKS Benchmark 5.4.5; EKS hardening "TLS to load balancers" CCE-89133-3; NIST 800-53 SC-8
    pub ElbListenerPlaintextTcp {
        id: "AWS-ELB-003",
        name: "elb-listener-plaintext-tcp",
        severity: Low,
        refs: ["CIS EKS 5.4.5", "CCE-89133-3", "NIST 800-53 SC-8"],
        fix: "use a `TLS` listener with an ACM certificate (or document TLS pass-through)",
    }
}

impl Check for ElbListenerPlaintextTcp {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::LbListener(listener) = &resource.kind else {
            return;
        };
        let Some(protocol) = &listener.protocol else {
            return;
        };
        if let Some(name) = protocol.get().filter(|p| *p == "TCP" || *p == "TCP_UDP") {
            let attr = out.name(&PROTOCOL);
            out.report_value(
                &PROTOCOL,
                protocol,
                format!("the listener does not terminate TLS: `{attr}` is `{name}`"),
            );
        }
    }
}

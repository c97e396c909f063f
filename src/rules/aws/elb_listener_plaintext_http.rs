use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::elb::{DEFAULT_ACTION, PROTOCOL};
use crate::model::{Format, Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags load balancer listeners that serve plain HTTP, unless their default action
    /// redirects to HTTPS. In Terraform a listener without `protocol` on an application load
    /// balancer of the same configuration is HTTP too.
    ///
    /// ## Why is this bad?
    /// Between the client and the load balancer, HTTP carries requests, session cookies and
    /// credentials in clear text: anyone on the path (a public Wi-Fi, a compromised router)
    /// can read and change them. An HTTP listener is only harmless when all it does is send
    /// clients to HTTPS.
    ///
    /// ## How to fix
    /// Serve HTTPS with an ACM certificate, and make the HTTP listener's default action a
    /// redirect to HTTPS (`HTTP_301`).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_lb_listener" "web" {
    ///   load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
    ///   port              = 80
    ///   protocol          = "HTTP"
    ///   default_action {
    ///     type             = "forward"
    ///     target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067"
    ///   }
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_lb_listener" "web" {
    ///   load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
    ///   port              = 80
    ///   protocol          = "HTTP"
    ///   default_action {
    ///     type = "redirect"
    ///     redirect {
    ///       port        = "443"
    ///       protocol    = "HTTPS"
    ///       status_code = "HTTP_301"
    ///     }
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Http:
    ///     Type: AWS::ElasticLoadBalancingV2::Listener
    ///     Properties:
    ///       LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188
    ///       Port: 80
    ///       Protocol: HTTP
    ///       DefaultActions:
    ///         - Type: forward
    ///           TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Http:
    ///     Type: AWS::ElasticLoadBalancingV2::Listener
    ///     Properties:
    ///       LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188
    ///       Port: 80
    ///       Protocol: HTTP
    ///       DefaultActions:
    ///         - Type: redirect
    ///           RedirectConfig:
    ///             Protocol: HTTPS
    ///             Port: "443"
    ///             StatusCode: HTTP_301
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"Http": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
    ///   "LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188",
    ///   "Port": 80, "Protocol": "HTTP",
    ///   "DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Port": "8080", "StatusCode": "HTTP_302"}}]}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"Http": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
    ///   "LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188",
    ///   "Port": 80, "Protocol": "HTTP",
    ///   "DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}]}}}}
    /// ```
    ///
    /// ## References
    /// - [Listeners for your Application Load Balancers](https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html)
    /// - CIS Amazon EKS Benchmark 5.4.5; EKS hardening "TLS to load balancers" CCE-89133-3; NIST 800-53 SC-8
    pub ElbListenerPlaintextHttp {
        id: "AWS-ELB-001",
        name: "elb-listener-plaintext-http",
        severity: High,
        refs: ["CIS EKS 5.4.5", "CCE-89133-3", "NIST 800-53 SC-8"],
        fix: "use HTTPS, and make the HTTP listener's default action a redirect to HTTPS",
    }
}

impl Check for ElbListenerPlaintextHttp {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Kind::LbListener(listener) = &resource.kind else {
            return;
        };
        // Any default action that is, or may be, a redirect to HTTPS clears the listener.
        let Some(actions) = listener.default_actions.get() else {
            return;
        };
        if actions.iter().any(|action| action.may_redirect_to_https()) {
            return;
        }
        let redirect = actions.iter().find(|a| {
            a.action_type
                .get()
                .is_some_and(|t| t.eq_ignore_ascii_case("redirect"))
        });
        let why = match redirect {
            Some(_) => "its redirect keeps the HTTP protocol",
            None => "its default action does not redirect to HTTPS",
        };
        match &listener.protocol {
            Some(protocol) if protocol.get().is_some_and(|p| p == "HTTP") => {
                let name = out.name(&PROTOCOL);
                match redirect.and_then(|a| a.redirect_protocol.as_ref()) {
                    Some(target) => out.report_value(
                        &DEFAULT_ACTION,
                        target,
                        format!("the listener serves plain HTTP (`{name}` is HTTP) and {why}"),
                    ),
                    None => out.report_value(
                        &PROTOCOL,
                        protocol,
                        format!("the listener serves plain HTTP and {why}"),
                    ),
                }
            }
            // Terraform's default protocol on an application load balancer.
            None if resource.format == Format::Terraform => {
                let on_alb = listener
                    .load_balancer
                    .load_balancer(cx.resources)
                    .is_some_and(|lb| lb.lb_type.get().is_some_and(|t| t == "application"));
                if on_alb {
                    let name = out.name(&PROTOCOL);
                    out.report_missing(
                        &PROTOCOL,
                        format!("the listener serves plain HTTP: `{name}` is not set and defaults to HTTP on an application load balancer, and {why}"),
                    );
                }
            }
            _ => {}
        }
    }
}

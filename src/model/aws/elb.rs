//! Elastic Load Balancing v2: load balancers (`aws_lb`, `aws_alb`,
//! `AWS::ElasticLoadBalancingV2::LoadBalancer`) and their listeners (`aws_lb_listener`,
//! `aws_alb_listener`, `AWS::ElasticLoadBalancingV2::Listener`).
//!
//! Some questions about a load balancer need other resources of the scan: which WAF web ACL
//! or Shield protection names it, which load balancer a listener belongs to. Those resources
//! name it by an ARN attribute that is only known after deployment, so adapters record what
//! the ARN refers to as a [`Target`], and [`Target::names`] matches it against a resource.

use crate::model::{Attr, Format, Resource, Val};
use crate::source::Span;

#[derive(Debug)]
pub struct LoadBalancer {
    /// `application`, `network` or `gateway` (default: `application`).
    pub lb_type: Val<String>,
    /// Whether the load balancer is internal (default: internet-facing).
    pub internal: Val<bool>,
    /// The load balancer's name, when written.
    pub name: Option<Val<String>>,
}

impl LoadBalancer {
    /// Known to be an application load balancer that faces the internet.
    pub fn is_public_application(&self) -> bool {
        self.lb_type.get().is_some_and(|t| t == "application") && self.internal.is_false()
    }
}

#[derive(Debug)]
pub struct Listener {
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, `TCP_UDP`, `GENEVE`, upper case as written. `None`
    /// when not written: Terraform then uses HTTP on an application load balancer, which only
    /// the load balancer can tell.
    pub protocol: Option<Val<String>>,
    /// The TLS security policy of an HTTPS or TLS listener; for those, when not written, the
    /// API's default `ELBSecurityPolicy-2016-08`.
    pub ssl_policy: Option<Val<String>>,
    /// The load balancer the listener belongs to.
    pub load_balancer: Target,
    /// The default actions; unknown as a whole when they cannot be read.
    pub default_actions: Val<Vec<Action>>,
}

#[derive(Debug)]
pub struct Action {
    /// Where the action is written.
    pub span: Span,
    /// `forward`, `redirect`, `fixed-response`, `authenticate-oidc`, ...
    pub action_type: Val<String>,
    /// For a redirect, the protocol it redirects to (default `#{protocol}`: the same one).
    pub redirect_protocol: Option<Val<String>>,
}

impl Action {
    /// Whether the action may redirect to HTTPS: known to, or not known.
    pub fn may_redirect_to_https(&self) -> bool {
        let Some(kind) = self.action_type.get() else {
            return true;
        };
        kind.eq_ignore_ascii_case("redirect")
            && match &self.redirect_protocol {
                Some(protocol) => protocol
                    .get()
                    .is_none_or(|p| p.eq_ignore_ascii_case("HTTPS")),
                None => false,
            }
    }
}

/// The API's security policy for an HTTPS or TLS listener created without one.
pub const DEFAULT_SSL_POLICY: &str = "ELBSecurityPolicy-2016-08";

/// Security policies that still accept TLS 1.0 or 1.1 (from the Elastic Load Balancing
/// documentation's policy tables). The `ELBSecurityPolicy-TLS13-1-0-*` and `-TLS13-1-1-*`
/// families (plain, FIPS, post-quantum) are matched by prefix in [`allows_old_tls`].
const OLD_TLS_POLICIES: [&str; 6] = [
    "ELBSecurityPolicy-2016-08",
    "ELBSecurityPolicy-2015-05",
    "ELBSecurityPolicy-TLS-1-0-2015-04",
    "ELBSecurityPolicy-TLS-1-1-2017-01",
    "ELBSecurityPolicy-FS-2018-06",
    "ELBSecurityPolicy-FS-1-1-2019-08",
];

/// Whether a predefined security policy accepts TLS 1.0 or TLS 1.1. Names not listed (newer
/// policies, TLS 1.2+ policies) do not.
pub fn allows_old_tls(policy: &str) -> bool {
    OLD_TLS_POLICIES
        .iter()
        .any(|old| old.eq_ignore_ascii_case(policy))
        || [
            "ELBSecurityPolicy-TLS13-1-0-",
            "ELBSecurityPolicy-TLS13-1-1-",
        ]
        .iter()
        .any(|prefix| {
            policy
                .get(..prefix.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
        })
}

/// What an ARN attribute (`resource_arn`, `load_balancer_arn`, `ResourceArn`) refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A resource of the same configuration: its Terraform address (`aws_lb.web`) or its
    /// CloudFormation logical ID, read from the reference (`aws_lb.web.arn`, `!Ref Web`,
    /// `!GetAtt Web.LoadBalancerArn`).
    Resource {
        format: Format,
        address: String,
        file: crate::source::FileId,
    },
    /// A literal ARN.
    Arn(String),
    /// Something that cannot be followed (a variable without a default, a module output, a
    /// data source, an import): it may name any resource.
    Unresolved,
    /// Not set at all.
    Missing,
}

impl Target {
    /// Whether this target is known to name `resource`. Terraform addresses are compared
    /// within the module (a `module.x.` prefix and an instance key are left aside), which can
    /// only make more resources match, never fewer; CloudFormation logical IDs within the
    /// template.
    pub fn names(&self, resource: &Resource) -> bool {
        match self {
            Target::Resource {
                format,
                address,
                file,
            } => {
                *format == resource.format
                    && match format {
                        Format::CloudFormation => {
                            resource.header.file == *file && resource.address == *address
                        }
                        _ => local_address(&resource.address) == address.as_str(),
                    }
            }
            Target::Arn(arn) => {
                // `arn:aws:elasticloadbalancing:region:account:loadbalancer/app/NAME/ID`
                let name = arn.split("loadbalancer/").nth(1).and_then(|rest| {
                    let mut parts = rest.split('/');
                    parts.next()?;
                    parts.next()
                });
                let lb_name = match &resource.kind {
                    crate::model::Kind::LoadBalancer(lb) => {
                        lb.name.as_ref().and_then(Val::get).cloned()
                    }
                    _ => None,
                };
                name.is_some() && name.map(str::to_string) == lb_name
            }
            Target::Unresolved | Target::Missing => false,
        }
    }

    pub fn is_unresolved(&self) -> bool {
        *self == Target::Unresolved
    }

    /// The load balancer of the scan this target names, if exactly one is known to be it.
    pub fn load_balancer<'a>(&self, resources: &'a [Resource]) -> Option<&'a LoadBalancer> {
        let mut found = resources.iter().filter_map(|r| match &r.kind {
            crate::model::Kind::LoadBalancer(lb) if self.names(r) => Some(lb),
            _ => None,
        });
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }
}

/// A Terraform address without its module path and instance key: `module.a.aws_lb.x[0]` →
/// `aws_lb.x`.
pub fn local_address(address: &str) -> &str {
    let mut rest = address;
    while let Some(after) = rest.strip_prefix("module.") {
        match after_segment(after) {
            Some(next) => rest = next,
            None => break,
        }
    }
    match rest.find('[') {
        Some(bracket) => &rest[..bracket],
        None => rest,
    }
}

/// What follows the first address segment (a name with an optional `[key]`, whose quoted key
/// may hold dots) and its dot.
fn after_segment(text: &str) -> Option<&str> {
    let mut depth = 0usize;
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth = depth.saturating_sub(1),
            '.' if !quoted && depth == 0 => return Some(&text[i + 1..]),
            _ => {}
        }
    }
    None
}

pub const PROTOCOL: Attr = Attr {
    id: "protocol",
    terraform: "protocol",
    cloudformation: "Protocol",
    kubernetes: "protocol",
};
pub const SSL_POLICY: Attr = Attr {
    id: "ssl_policy",
    terraform: "ssl_policy",
    cloudformation: "SslPolicy",
    kubernetes: "ssl_policy",
};
pub const DEFAULT_ACTION: Attr = Attr {
    id: "default_action",
    terraform: "default_action",
    cloudformation: "DefaultActions",
    kubernetes: "default_action",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_tls_policies() {
        for old in [
            "ELBSecurityPolicy-2016-08",
            "ELBSecurityPolicy-TLS-1-1-2017-01",
            "ELBSecurityPolicy-FS-1-1-2019-08",
            "ELBSecurityPolicy-TLS13-1-0-2021-06",
            "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09",
        ] {
            assert!(allows_old_tls(old), "{old}");
        }
        for modern in [
            "ELBSecurityPolicy-TLS13-1-2-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
            "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
            "ELBSecurityPolicy-FS-1-2-Res-2020-10",
            "ELBSecurityPolicy-TLS13-1-3-2021-06",
            "",
        ] {
            assert!(!allows_old_tls(modern), "{modern}");
        }
    }

    #[test]
    fn addresses_within_their_module() {
        assert_eq!(local_address("aws_lb.web"), "aws_lb.web");
        assert_eq!(local_address("aws_lb.web[0]"), "aws_lb.web");
        assert_eq!(local_address("module.edge.aws_lb.web"), "aws_lb.web");
        assert_eq!(
            local_address("module.a[\"x.y\"].module.b.aws_lb.web[\"k\"]"),
            "aws_lb.web"
        );
        assert_eq!(local_address("module."), "module.");
    }
}

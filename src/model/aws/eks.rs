//! Amazon EKS clusters (`AWS::EKS::Cluster`, `aws_eks_cluster`, eksctl `ClusterConfig`).
//!
//! What runs in and around a cluster (node groups, add-ons, Fargate profiles) has its own
//! modules: [`super::eks_node_group`], [`super::eks_addon`], [`super::eks_fargate`].

use super::eks_links::Link;
use crate::model::Val;
use crate::source::Span;

#[derive(Debug)]
pub struct Cluster {
    /// The cluster's name, when written (CloudFormation generates one otherwise).
    pub name: Option<Val<String>>,
    /// The Kubernetes minor version (`1.31`); absent means the newest EKS offers.
    pub version: Option<Val<String>>,
    /// `CONFIG_MAP`, `API_AND_CONFIG_MAP` or `API`. The EKS API, CloudFormation and Terraform
    /// default to `CONFIG_MAP`; eksctl to `API_AND_CONFIG_MAP`.
    pub authentication_mode: Val<String>,
    /// Additional security groups for the control plane's network interfaces.
    pub security_groups: Vec<Link>,
    /// Whether the cluster config itself sets up IAM roles for service accounts (an OIDC
    /// provider) or EKS Pod Identity. Only eksctl says so in the cluster's own document;
    /// Terraform and CloudFormation declare separate resources, so this is `None` for them.
    pub workload_identity: Option<Val<bool>>,
    /// Whether the Kubernetes API endpoint is reachable from the internet (EKS default: yes).
    pub endpoint_public_access: Val<bool>,
    /// Whether the endpoint is reachable from inside the VPC (EKS default: no).
    pub endpoint_private_access: Val<bool>,
    /// CIDRs allowed to reach the public endpoint (EKS default: `0.0.0.0/0`).
    pub public_access_cidrs: Val<Vec<Val<String>>>,
    /// Control-plane log types sent to CloudWatch (EKS default: none).
    pub enabled_log_types: Val<Vec<Val<String>>>,
    /// Envelope encryption settings; empty when none is configured.
    pub encryption: Vec<EncryptionConfig>,
}

/// One `encryption_config` / `EncryptionConfig` entry.
#[derive(Debug)]
pub struct EncryptionConfig {
    /// The entry itself, for findings about what it lacks.
    pub span: Span,
    /// Which Kubernetes resources it encrypts (`secrets` is the only one EKS supports).
    pub resources: Val<Vec<Val<String>>>,
    /// The KMS key of its provider, when one is given.
    pub key_arn: Option<Val<String>>,
}

/// Every control-plane log type EKS can export.
pub const LOG_TYPES: [&str; 5] = [
    "api",
    "audit",
    "authenticator",
    "controllerManager",
    "scheduler",
];

use crate::model::Attr;

pub const PUBLIC_ACCESS: Attr = Attr {
    id: "endpoint_public_access",
    terraform: "vpc_config.endpoint_public_access",
    cloudformation: "ResourcesVpcConfig.EndpointPublicAccess",
    kubernetes: "vpc.clusterEndpoints.publicAccess",
};
pub const PRIVATE_ACCESS: Attr = Attr {
    id: "endpoint_private_access",
    terraform: "vpc_config.endpoint_private_access",
    cloudformation: "ResourcesVpcConfig.EndpointPrivateAccess",
    kubernetes: "vpc.clusterEndpoints.privateAccess",
};
pub const PUBLIC_ACCESS_CIDRS: Attr = Attr {
    id: "public_access_cidrs",
    terraform: "vpc_config.public_access_cidrs",
    cloudformation: "ResourcesVpcConfig.PublicAccessCidrs",
    kubernetes: "vpc.publicAccessCIDRs",
};
pub const LOG_TYPES_ATTR: Attr = Attr {
    id: "enabled_log_types",
    terraform: "enabled_cluster_log_types",
    cloudformation: "Logging.ClusterLogging.EnabledTypes",
    kubernetes: "cloudWatch.clusterLogging.enableTypes",
};
pub const NAME: Attr = Attr {
    id: "name",
    terraform: "name",
    cloudformation: "Name",
    kubernetes: "metadata.name",
};
pub const VERSION: Attr = Attr {
    id: "version",
    terraform: "version",
    cloudformation: "Version",
    kubernetes: "metadata.version",
};
pub const AUTHENTICATION_MODE: Attr = Attr {
    id: "authentication_mode",
    terraform: "access_config.authentication_mode",
    cloudformation: "AccessConfig.AuthenticationMode",
    kubernetes: "accessConfig.authenticationMode",
};
pub const WORKLOAD_IDENTITY: Attr = Attr {
    id: "workload_identity",
    terraform: "aws_iam_openid_connect_provider",
    cloudformation: "AWS::IAM::OIDCProvider",
    kubernetes: "iam.withOIDC",
};
pub const ENCRYPTION: Attr = Attr {
    id: "encryption_config",
    terraform: "encryption_config",
    cloudformation: "EncryptionConfig",
    kubernetes: "secretsEncryption",
};

/// The EKS Kubernetes version calendar: `(minor, end of standard support, end of extended
/// support)` for Kubernetes 1.x, from the Amazon EKS release calendar
/// (<https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html>). This is the
/// one place to update when EKS releases or retires a version. Versions older than the first
/// entry are long out of support; newer ones than the last are supported.
pub const VERSION_CALENDAR: &[(u32, &str, &str)] = &[
    (29, "2025-03-23", "2026-03-23"),
    (30, "2025-07-23", "2026-07-23"),
    (31, "2025-11-26", "2026-11-26"),
    (32, "2026-03-23", "2027-03-23"),
    (33, "2026-07-29", "2027-07-29"),
    (34, "2026-12-02", "2027-12-02"),
    (35, "2027-03-27", "2028-03-27"),
];

/// The date the calendar is judged at: a fixed date, not the clock, so a scan gives the same
/// findings tomorrow. Moved forward whenever [`VERSION_CALENDAR`] is updated.
pub const CALENDAR_AS_OF: &str = "2026-12-01";

/// The minor version of a `1.x` (or `1.x.y`) Kubernetes version string.
pub fn kubernetes_minor(version: &str) -> Option<u32> {
    let mut parts = version.trim().trim_start_matches('v').split('.');
    if parts.next()? != "1" {
        return None;
    }
    parts.next()?.parse().ok()
}

/// When EKS stopped supporting `minor` altogether, if it has as of [`CALENDAR_AS_OF`]:
/// `Some(date)` for a version in the calendar, `Some("")` for one older than the calendar.
pub fn support_ended(minor: u32) -> Option<&'static str> {
    let first = VERSION_CALENDAR.first()?;
    if minor < first.0 {
        return Some("");
    }
    VERSION_CALENDAR
        .iter()
        .find(|(m, _, _)| *m == minor)
        .filter(|(_, _, extended)| *extended <= CALENDAR_AS_OF)
        .map(|(_, _, extended)| *extended)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_judges_minor_versions() {
        assert_eq!(kubernetes_minor("1.29"), Some(29));
        assert_eq!(kubernetes_minor("v1.31.2"), Some(31));
        assert_eq!(kubernetes_minor("2.0"), None);
        assert_eq!(support_ended(23), Some(""));
        assert_eq!(support_ended(31), Some("2026-11-26"));
        assert_eq!(support_ended(32), None);
        assert_eq!(support_ended(40), None);
        // The calendar is sorted and judged at a date inside it.
        assert!(VERSION_CALENDAR.windows(2).all(|w| w[0].0 + 1 == w[1].0));
    }
}

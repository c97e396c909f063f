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

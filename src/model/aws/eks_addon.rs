//! EKS add-ons (`aws_eks_addon`, `AWS::EKS::Addon`, eksctl `addons`).

use super::eks_links::Link;
use crate::model::{Attr, Val};

#[derive(Debug)]
pub struct Addon {
    pub cluster: Link,
    /// `vpc-cni`, `aws-guardduty-agent`, ...
    pub name: Val<String>,
    /// The add-on's configuration as the JSON (or YAML) text EKS takes, when given.
    pub configuration: Option<Val<String>>,
}

/// The VPC CNI add-on, which enforces NetworkPolicies when configured to.
pub const VPC_CNI: &str = "vpc-cni";
/// GuardDuty's runtime monitoring agent.
pub const GUARDDUTY_AGENT: &str = "aws-guardduty-agent";

pub const CONFIGURATION: Attr = Attr {
    id: "configuration_values",
    terraform: "configuration_values",
    cloudformation: "ConfigurationValues",
    kubernetes: "configurationValues",
};

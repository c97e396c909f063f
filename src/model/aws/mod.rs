//! Amazon Web Services resources, one module per service.

pub mod ebs;
pub mod eks;
pub mod eks_addon;
pub mod eks_fargate;
pub mod eks_links;
pub mod eks_node_group;

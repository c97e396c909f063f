//! Amazon Web Services resources, one module per service.

pub mod cloudtrail;
pub mod ebs;
pub mod ecr;
pub mod eks;
pub mod eks_addon;
pub mod eks_fargate;
pub mod eks_links;
pub mod eks_node_group;
pub mod elb;
pub mod guardduty;
pub mod iam;
pub mod kms;
pub mod launch_template;
pub mod link;
pub mod rds;
pub mod s3;
pub mod security_group;
pub mod security_hub;
pub mod waf;

//! Amazon Web Services resources, one module per service.

pub mod ebs;
pub mod ecr;
pub mod eks;
pub mod elb;
pub mod iam;
pub mod kms;
pub mod security_group;
pub mod waf;

//! Amazon Web Services resources, one module per service.

pub mod cloudtrail;
pub mod ebs;
pub mod eks;
pub mod guardduty;
pub mod launch_template;
pub mod link;
pub mod rds;
pub mod s3;
pub mod security_hub;

//! Amazon Web Services resources, one module per service.

pub mod ebs;
pub mod eks;

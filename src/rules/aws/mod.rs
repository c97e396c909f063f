//! Rules for AWS resources, whatever format declares them.

pub mod ebs_volume_unencrypted;
pub mod eks_audit_logging;
pub mod eks_control_plane_logging;
pub mod eks_public_access_cidrs;
pub mod eks_public_endpoint;
pub mod eks_secrets_encryption;

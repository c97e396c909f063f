//! Rules for AWS resources, whatever format declares them.

pub mod cloudtrail_log_validation;
pub mod cloudtrail_single_region;
pub mod cloudtrail_without_kms;
pub mod ebs_default_encryption_disabled;
pub mod ebs_volume_unencrypted;
pub mod eks_audit_logging;
pub mod eks_control_plane_logging;
pub mod eks_public_access_cidrs;
pub mod eks_public_endpoint;
pub mod eks_secrets_encryption;
pub mod guardduty_disabled;
pub mod guardduty_eks_audit_logs;
pub mod launch_template_imdsv1;
pub mod launch_template_unencrypted_volume;
pub mod rds_backup_retention;
pub mod rds_iam_auth_disabled;
pub mod rds_publicly_accessible;
pub mod rds_storage_unencrypted;
pub mod rds_tls_not_enforced;
pub mod s3_public_access_block;
pub mod s3_tls_not_enforced;
pub mod securityhub_no_standards;

//! Rules for AWS resources, whatever format declares them.

pub mod ebs_volume_unencrypted;
pub mod ecr_mutable_tags;
pub mod ecr_not_kms_encrypted;
pub mod ecr_public_repository_policy;
pub mod ecr_scan_on_push_disabled;
pub mod eks_audit_logging;
pub mod eks_control_plane_logging;
pub mod eks_public_access_cidrs;
pub mod eks_public_endpoint;
pub mod eks_secrets_encryption;
pub mod elb_listener_outdated_tls;
pub mod elb_listener_plaintext_http;
pub mod elb_listener_plaintext_tcp;
pub mod iam_policy_allow_not_action;
pub mod iam_policy_full_admin;
pub mod kms_key_rotation_disabled;
pub mod sg_admin_ports_open;
pub mod sg_all_traffic_open;
pub mod shield_alb_without_protection;
pub mod waf_alb_without_web_acl;

//! Rules for AWS resources, whatever format declares them.

pub mod ebs_volume_unencrypted;
pub mod eks_audit_logging;
pub mod eks_authentication_mode;
pub mod eks_cluster_security_group_open;
pub mod eks_control_plane_logging;
pub mod eks_fargate_profile;
pub mod eks_guardduty_runtime_monitoring;
pub mod eks_network_policy_enforcement;
pub mod eks_node_public_ip;
pub mod eks_node_role_ecr_actions;
pub mod eks_node_role_ecr_write;
pub mod eks_node_ssh_open;
pub mod eks_public_access_cidrs;
pub mod eks_public_endpoint;
pub mod eks_secrets_encryption;
pub mod eks_unsupported_version;
pub mod eks_workload_identity;

//! Rules for Kubernetes objects and control-plane configuration.

pub mod apiserver_anonymous_auth;
pub mod apiserver_encryption_provider_config;
pub mod apiserver_secure_port_disabled;
pub mod ebs_storage_class_unencrypted;
pub mod encryption_config_without_kms;
pub mod namespace_default;
pub mod namespace_pod_security;
pub mod network_policy_missing;
pub mod plaintext_secret;
pub mod privileged_container;
pub mod service_account_cluster_admin;
pub mod service_account_default;
pub mod service_account_token_automount;

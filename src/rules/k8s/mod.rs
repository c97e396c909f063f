//! Rules for Kubernetes objects and control-plane configuration.

pub mod apiserver_admission_plugins;
pub mod apiserver_anonymous_auth;
pub mod apiserver_audit_log;
pub mod apiserver_authorization_mode;
pub mod apiserver_encryption_provider_config;
pub mod apiserver_insecure_port;
pub mod apiserver_kubelet_certificate_authority;
pub mod apiserver_secure_port_disabled;
pub mod control_plane_profiling;
pub mod control_plane_weak_tls;
pub mod controller_manager_service_account_credentials;
pub mod ebs_storage_class_unencrypted;
pub mod encryption_config_without_kms;
pub mod etcd_client_cert_auth;
mod flags;
pub mod plaintext_secret;
pub mod privileged_container;

//! The rule catalogue.
//!
//! One rule is one file: its documentation (what, why, how to fix, examples), its metadata and
//! its check, declared with [`declare_rule!`]. The examples in the documentation run through
//! the whole pipeline as tests (see `tests/rule_examples.rs`), so docs and behaviour cannot drift.
//! [`ALL`] is the registry, in ID order.

#[macro_use]
mod declare;
pub mod docs;

pub mod aws;
pub mod azure;
pub mod k8s;
pub mod org;

pub use declare::{Check, Declared, Rule, RuleMeta, Severity};

/// Every rule, sorted by ID.
pub static ALL: &[&dyn Rule] = &[
    &aws::cloudtrail_single_region::CloudtrailSingleRegion,
    &aws::cloudtrail_log_validation::CloudtrailLogValidation,
    &aws::cloudtrail_without_kms::CloudtrailWithoutKms,
    &aws::ebs_volume_unencrypted::EbsVolumeUnencrypted,
    &aws::ebs_default_encryption_disabled::EbsDefaultEncryptionDisabled,
    &aws::launch_template_unencrypted_volume::LaunchTemplateUnencryptedVolume,
    &aws::launch_template_imdsv1::LaunchTemplateImdsv1,
    &aws::ecr_scan_on_push_disabled::EcrScanOnPushDisabled,
    &aws::ecr_mutable_tags::EcrMutableTags,
    &aws::ecr_not_kms_encrypted::EcrNotKmsEncrypted,
    &aws::ecr_public_repository_policy::EcrPublicRepositoryPolicy,
    &aws::eks_secrets_encryption::EksSecretsEncryption,
    &aws::eks_public_endpoint::EksPublicEndpoint,
    &aws::eks_public_access_cidrs::EksPublicAccessCidrs,
    &aws::eks_audit_logging::EksAuditLogging,
    &aws::eks_control_plane_logging::EksControlPlaneLogging,
    &aws::eks_workload_identity::EksWorkloadIdentity,
    &aws::eks_authentication_mode::EksAuthenticationMode,
    &aws::eks_fargate_profile::EksFargateProfile,
    &aws::eks_network_policy_enforcement::EksNetworkPolicyEnforcement,
    &aws::eks_node_public_ip::EksNodePublicIp,
    &aws::eks_node_ssh_open::EksNodeSshOpen,
    &aws::eks_node_role_ecr_write::EksNodeRoleEcrWrite,
    &aws::eks_node_role_ecr_actions::EksNodeRoleEcrActions,
    &aws::eks_cluster_security_group_open::EksClusterSecurityGroupOpen,
    &aws::eks_unsupported_version::EksUnsupportedVersion,
    &aws::eks_guardduty_runtime_monitoring::EksGuardDutyRuntimeMonitoring,
    &aws::elb_listener_plaintext_http::ElbListenerPlaintextHttp,
    &aws::elb_listener_outdated_tls::ElbListenerOutdatedTls,
    &aws::elb_listener_plaintext_tcp::ElbListenerPlaintextTcp,
    &aws::guardduty_disabled::GuarddutyDisabled,
    &aws::guardduty_eks_audit_logs::GuarddutyEksAuditLogs,
    &aws::iam_policy_full_admin::IamPolicyFullAdmin,
    &aws::iam_policy_allow_not_action::IamPolicyAllowNotAction,
    &aws::kms_key_rotation_disabled::KmsKeyRotationDisabled,
    &aws::rds_storage_unencrypted::RdsStorageUnencrypted,
    &aws::rds_publicly_accessible::RdsPubliclyAccessible,
    &aws::rds_tls_not_enforced::RdsTlsNotEnforced,
    &aws::rds_iam_auth_disabled::RdsIamAuthDisabled,
    &aws::rds_backup_retention::RdsBackupRetention,
    &aws::s3_public_access_block::S3PublicAccessBlockDisabled,
    &aws::s3_tls_not_enforced::S3TlsNotEnforced,
    &aws::sg_admin_ports_open::SgAdminPortsOpen,
    &aws::sg_all_traffic_open::SgAllTrafficOpen,
    &aws::securityhub_no_standards::SecurityhubNoStandards,
    &aws::shield_alb_without_protection::ShieldAlbWithoutProtection,
    &aws::waf_alb_without_web_acl::WafAlbWithoutWebAcl,
    &azure::acr_admin_user::AcrAdminUser,
    &azure::acr_public_network_access::AcrPublicNetworkAccess,
    &azure::acr_anonymous_pull::AcrAnonymousPull,
    &azure::acr_quarantine_policy::AcrQuarantinePolicy,
    &azure::aks_api_server_unrestricted::AksApiServerUnrestricted,
    &azure::aks_azure_rbac_disabled::AksAzureRbacDisabled,
    &azure::aks_local_accounts_enabled::AksLocalAccountsEnabled,
    &azure::aks_network_policy_missing::AksNetworkPolicyMissing,
    &azure::aks_azure_policy_disabled::AksAzurePolicyDisabled,
    &azure::aks_container_insights_disabled::AksContainerInsightsDisabled,
    &azure::aks_audit_logs_not_exported::AksAuditLogsNotExported,
    &azure::aks_secrets_rotation_disabled::AksSecretsRotationDisabled,
    &azure::aks_node_public_ip::AksNodePublicIp,
    &azure::aks_host_encryption_disabled::AksHostEncryptionDisabled,
    &azure::aks_disk_encryption_set_missing::AksDiskEncryptionSetMissing,
    &azure::key_vault_purge_protection::KeyVaultPurgeProtection,
    &azure::key_vault_soft_delete_retention::KeyVaultSoftDeleteRetention,
    &azure::key_vault_network_acl_allow::KeyVaultNetworkAclAllow,
    &k8s::apiserver_secure_port_disabled::ApiserverSecurePortDisabled,
    &k8s::apiserver_anonymous_auth::ApiserverAnonymousAuth,
    &k8s::apiserver_encryption_provider_config::ApiserverEncryptionProviderConfig,
    &k8s::encryption_config_without_kms::EncryptionConfigWithoutKms,
    &k8s::apiserver_insecure_port::ApiserverInsecurePort,
    &k8s::apiserver_authorization_mode::ApiserverAuthorizationMode,
    &k8s::apiserver_admission_plugins::ApiserverAdmissionPlugins,
    &k8s::apiserver_audit_log::ApiserverAuditLog,
    &k8s::control_plane_profiling::ControlPlaneProfiling,
    &k8s::apiserver_kubelet_certificate_authority::ApiserverKubeletCertificateAuthority,
    &k8s::control_plane_weak_tls::ControlPlaneWeakTls,
    &k8s::etcd_client_cert_auth::EtcdClientCertAuth,
    &k8s::controller_manager_service_account_credentials::ControllerManagerServiceAccountCredentials,
    &k8s::image_latest_tag::ImageLatestTag,
    &k8s::image_without_digest::ImageWithoutDigest,
    &k8s::unapproved_registry::UnapprovedRegistry,
    &k8s::image_pull_policy::ImagePullPolicy,
    &k8s::kubelet_anonymous_auth::KubeletAnonymousAuth,
    &k8s::kubelet_authorization_mode::KubeletAuthorizationMode,
    &k8s::kubelet_client_ca::KubeletClientCa,
    &k8s::kubelet_read_only_port::KubeletReadOnlyPort,
    &k8s::kubelet_protect_kernel_defaults::KubeletProtectKernelDefaults,
    &k8s::kubelet_certificate_rotation::KubeletCertificateRotation,
    &k8s::network_policy_missing::NetworkPolicyMissing,
    &k8s::namespace_default::NamespaceDefault,
    &k8s::namespace_pod_security::NamespacePodSecurity,
    &k8s::privileged_container::PrivilegedContainer,
    &k8s::privilege_escalation::PrivilegeEscalation,
    &k8s::run_as_non_root::RunAsNonRoot,
    &k8s::run_as_root_user::RunAsRootUser,
    &k8s::writable_root_filesystem::WritableRootFilesystem,
    &k8s::dangerous_capabilities::DangerousCapabilities,
    &k8s::capabilities_not_dropped::CapabilitiesNotDropped,
    &k8s::capability_added::CapabilityAdded,
    &k8s::host_network::HostNetwork,
    &k8s::host_pid::HostPid,
    &k8s::host_ipc::HostIpc,
    &k8s::host_path_volume::HostPathVolume,
    &k8s::sensitive_host_path::SensitiveHostPath,
    &k8s::host_port::HostPort,
    &k8s::seccomp_unconfined::SeccompUnconfined,
    &k8s::seccomp_profile_missing::SeccompProfileMissing,
    &k8s::apparmor_unconfined::AppArmorUnconfined,
    &k8s::proc_mount::ProcMount,
    &k8s::unsafe_sysctls::UnsafeSysctls,
    &k8s::selinux_options::SelinuxOptions,
    &k8s::restricted_volume_types::RestrictedVolumeTypes,
    &k8s::windows_host_process::WindowsHostProcess,
    &k8s::resource_limits::ResourceLimits,
    &k8s::resource_requests::ResourceRequests,
    &k8s::probes_missing::ProbesMissing,
    &k8s::rbac_wildcard::RbacWildcard,
    &k8s::rbac_cluster_admin_binding::RbacClusterAdminBinding,
    &k8s::rbac_pod_exec::RbacPodExec,
    &k8s::rbac_secrets_read::RbacSecretsRead,
    &k8s::rbac_escalation_verbs::RbacEscalationVerbs,
    &k8s::rbac_anonymous_subject::RbacAnonymousSubject,
    &k8s::service_account_default::ServiceAccountDefault,
    &k8s::service_account_token_automount::ServiceAccountTokenAutomount,
    &k8s::service_account_cluster_admin::ServiceAccountClusterAdmin,
    &k8s::plaintext_secret::PlaintextSecret,
    &k8s::secret_in_env_literal::SecretInEnvLiteral,
    &k8s::secret_in_env::SecretInEnv,
    &k8s::ebs_storage_class_unencrypted::EbsStorageClassUnencrypted,
    &k8s::ebs_default_storage_class_unencrypted::EbsDefaultStorageClassUnencrypted,
    &k8s::ebs_storage_class_without_cmk::EbsStorageClassWithoutCmk,
    &k8s::service_load_balancer_open::ServiceLoadBalancerOpen,
    &k8s::service_node_port::ServiceNodePort,
    &k8s::service_external_ips::ServiceExternalIps,
    &k8s::ingress_without_tls::IngressWithoutTls,
    &k8s::alb_ingress_without_tls::AlbIngressWithoutTls,
    &org::region_not_allowed::RegionNotAllowed,
    &org::location_not_allowed::LocationNotAllowed,
    &org::tags_required::TagsRequired,
    &org::labels_required::LabelsRequired,
    &org::public_ip::PublicIp,
];

/// Finds a rule by ID or name, ignoring case.
pub fn find(key: &str) -> Option<&'static dyn Rule> {
    ALL.iter().copied().find(|rule| {
        let meta = rule.meta();
        meta.id.eq_ignore_ascii_case(key) || meta.name.eq_ignore_ascii_case(key)
    })
}

/// Whether a selector (an ID, a name, or an ID prefix such as `AWS-EKS` or `K8S`) picks a rule.
pub fn matches(meta: &RuleMeta, selector: &str) -> bool {
    let id = meta.id.to_ascii_uppercase();
    let selector_upper = selector.to_ascii_uppercase();
    id == selector_upper
        || meta.name.eq_ignore_ascii_case(selector)
        || id.starts_with(&format!("{}-", selector_upper.trim_end_matches('-')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_unique_well_formed_and_sorted_by_provider() {
        let mut seen = std::collections::HashSet::new();
        for rule in ALL {
            let meta = rule.meta();
            assert!(seen.insert(meta.id), "duplicate id {}", meta.id);
            assert!(seen.insert(meta.name), "duplicate name {}", meta.name);
            let parts: Vec<&str> = meta.id.split('-').collect();
            // Organisation policies have no service: `ORG-001`.
            let well_formed = parts.len() == 3 || (parts.len() == 2 && parts[0] == "ORG");
            assert!(well_formed, "{} is not PROVIDER-SERVICE-NNN", meta.id);
            let number = parts[parts.len() - 1];
            assert!(number.len() == 3 && number.chars().all(|c| c.is_ascii_digit()));
            assert!(meta
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            assert_ne!(meta.id, meta.name);
        }
    }

    #[test]
    fn registry_is_sorted_by_id() {
        let ids: Vec<&str> = ALL.iter().map(|rule| rule.meta().id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
    }

    #[test]
    fn selectors_match_ids_names_and_prefixes() {
        let meta = aws::eks_public_endpoint::EksPublicEndpoint.meta();
        assert!(matches(meta, "aws-eks-002"));
        assert!(matches(meta, "eks-public-endpoint"));
        assert!(matches(meta, "AWS-EKS"));
        assert!(matches(meta, "AWS"));
        assert!(!matches(meta, "AWS-EK"));
        assert!(!matches(meta, "K8S"));
    }
}

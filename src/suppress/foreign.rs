//! Other scanners' rule IDs mapped to ours, so suppressions written for Checkov, Trivy/tfsec,
//! cfn_nag and kube-linter keep working after a migration.
//!
//! Only equivalences we are sure of are listed: a foreign ID that is not here suppresses nothing
//! (a comment for a check we do not have cannot hide one of ours). cfn-lint's `ignore_checks`
//! are read too, but cfn-lint checks template validity, not security, so none of its IDs maps.

/// (foreign ID, our rule ID). Foreign IDs compare case-insensitively.
pub const TABLE: &[(&str, &str)] = &[
    // Checkov
    ("CKV_AWS_3", "AWS-EBS-001"),
    ("CKV_AWS_58", "AWS-EKS-001"),
    ("CKV_AWS_39", "AWS-EKS-002"),
    ("CKV_AWS_38", "AWS-EKS-003"),
    ("CKV_AWS_37", "AWS-EKS-005"),
    ("CKV_K8S_8", "K8S-POD-025"),
    ("CKV_K8S_9", "K8S-POD-025"),
    ("CKV_K8S_10", "K8S-POD-024"),
    ("CKV_K8S_11", "K8S-POD-023"),
    ("CKV_K8S_12", "K8S-POD-024"),
    ("CKV_K8S_13", "K8S-POD-023"),
    ("CKV_K8S_14", "K8S-IMG-001"),
    ("CKV_K8S_15", "K8S-IMG-004"),
    ("CKV_K8S_16", "K8S-POD-001"),
    ("CKV_K8S_17", "K8S-POD-010"),
    ("CKV_K8S_18", "K8S-POD-011"),
    ("CKV_K8S_19", "K8S-POD-009"),
    ("CKV_K8S_20", "K8S-POD-002"),
    ("CKV_K8S_21", "K8S-NS-001"),
    ("CKV_K8S_22", "K8S-POD-005"),
    ("CKV_K8S_23", "K8S-POD-003"),
    ("CKV_K8S_25", "K8S-POD-008"),
    ("CKV_K8S_27", "K8S-POD-013"),
    ("CKV_K8S_28", "K8S-POD-007"),
    ("CKV_K8S_31", "K8S-POD-016"),
    ("CKV_K8S_35", "K8S-SEC-003"),
    ("CKV_K8S_37", "K8S-POD-007"),
    ("CKV_K8S_38", "K8S-SA-002"),
    ("CKV_K8S_39", "K8S-POD-006"),
    ("CKV_K8S_41", "K8S-SA-001"),
    ("CKV_K8S_43", "K8S-IMG-002"),
    ("CKV_K8S_49", "K8S-RBAC-001"),
    // Trivy / tfsec: AVD IDs and the long names
    ("AVD-AWS-0026", "AWS-EBS-001"),
    ("aws-ec2-enable-volume-encryption", "AWS-EBS-001"),
    ("AVD-AWS-0039", "AWS-EKS-001"),
    ("aws-eks-encrypt-secrets", "AWS-EKS-001"),
    ("AVD-AWS-0040", "AWS-EKS-002"),
    ("aws-eks-no-public-cluster-access", "AWS-EKS-002"),
    ("AVD-AWS-0041", "AWS-EKS-003"),
    ("aws-eks-no-public-cluster-access-to-cidr", "AWS-EKS-003"),
    ("AVD-AWS-0038", "AWS-EKS-005"),
    ("aws-eks-enable-control-plane-logging", "AWS-EKS-005"),
    ("KSV001", "K8S-POD-002"),
    ("KSV003", "K8S-POD-007"),
    ("KSV005", "K8S-POD-006"),
    ("KSV006", "K8S-POD-013"),
    ("KSV008", "K8S-POD-011"),
    ("KSV009", "K8S-POD-009"),
    ("KSV010", "K8S-POD-010"),
    ("KSV011", "K8S-POD-023"),
    ("KSV012", "K8S-POD-003"),
    ("KSV013", "K8S-IMG-001"),
    ("KSV014", "K8S-POD-005"),
    ("KSV015", "K8S-POD-024"),
    ("KSV016", "K8S-POD-024"),
    ("KSV017", "K8S-POD-001"),
    ("KSV018", "K8S-POD-023"),
    ("KSV022", "K8S-POD-008"),
    ("KSV023", "K8S-POD-012"),
    ("KSV024", "K8S-POD-014"),
    ("KSV026", "K8S-POD-019"),
    ("KSV027", "K8S-POD-018"),
    ("KSV030", "K8S-POD-016"),
    ("KSV036", "K8S-SA-002"),
    ("KSV041", "K8S-RBAC-004"),
    ("KSV044", "K8S-RBAC-001"),
    // cfn_nag
    ("F1", "AWS-EBS-001"),
    // kube-linter
    ("access-to-secrets", "K8S-RBAC-004"),
    ("cluster-admin-role-binding", "K8S-RBAC-002"),
    ("default-service-account", "K8S-SA-001"),
    ("docker-sock", "K8S-POD-013"),
    ("drop-net-raw-capability", "K8S-POD-007"),
    ("env-var-secret", "K8S-SEC-002"),
    ("host-ipc", "K8S-POD-011"),
    ("host-network", "K8S-POD-009"),
    ("host-pid", "K8S-POD-010"),
    ("latest-tag", "K8S-IMG-001"),
    ("no-liveness-probe", "K8S-POD-025"),
    ("no-read-only-root-fs", "K8S-POD-005"),
    ("no-readiness-probe", "K8S-POD-025"),
    ("privilege-escalation-container", "K8S-POD-002"),
    ("privileged-container", "K8S-POD-001"),
    ("read-secret-from-env-var", "K8S-SEC-003"),
    ("run-as-non-root", "K8S-POD-003"),
    ("sensitive-host-mounts", "K8S-POD-013"),
    ("unsafe-proc-mount", "K8S-POD-018"),
    ("unsafe-sysctls", "K8S-POD-019"),
    ("unset-cpu-requirements", "K8S-POD-023"),
    ("unset-cpu-requirements", "K8S-POD-024"),
    ("unset-memory-requirements", "K8S-POD-023"),
    ("unset-memory-requirements", "K8S-POD-024"),
    ("use-namespace", "K8S-NS-001"),
    ("wildcard-in-rules", "K8S-RBAC-001"),
];

/// Our rule IDs a foreign ID stands for.
pub fn ours(foreign: &str) -> impl Iterator<Item = &'static str> + '_ {
    let foreign = canonical(foreign);
    TABLE
        .iter()
        .filter(move |(theirs, _)| theirs.eq_ignore_ascii_case(&foreign))
        .map(|(_, ours)| *ours)
}

/// Trivy names its Kubernetes checks both `KSV017` and `AVD-KSV-0017`; the table uses the
/// short form.
fn canonical(foreign: &str) -> String {
    let upper = foreign.to_ascii_uppercase();
    match upper.strip_prefix("AVD-KSV-") {
        Some(number) if number.len() == 4 && number.starts_with('0') => {
            format!("KSV{}", &number[1..])
        }
        _ => foreign.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::TABLE;

    #[test]
    fn trivy_long_kubernetes_ids_are_the_short_ones() {
        assert_eq!(
            super::ours("AVD-KSV-0017").collect::<Vec<_>>(),
            ["K8S-POD-001"]
        );
        assert_eq!(super::ours("ksv017").collect::<Vec<_>>(), ["K8S-POD-001"]);
    }

    #[test]
    fn every_mapping_names_a_rule_that_exists() {
        for (theirs, ours) in TABLE {
            assert!(
                crate::rules::ALL.iter().any(|rule| rule.meta().id == *ours),
                "{theirs} maps to unknown rule {ours}"
            );
        }
    }
}

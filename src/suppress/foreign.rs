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
    ("CKV_K8S_16", "K8S-POD-001"),
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
    ("KSV017", "K8S-POD-001"),
    ("AVD-KSV-0017", "K8S-POD-001"),
    // cfn_nag
    ("F1", "AWS-EBS-001"),
    // kube-linter
    ("privileged-container", "K8S-POD-001"),
];

/// Our rule IDs a foreign ID stands for.
pub fn ours(foreign: &str) -> impl Iterator<Item = &'static str> + '_ {
    TABLE
        .iter()
        .filter(move |(theirs, _)| theirs.eq_ignore_ascii_case(foreign))
        .map(|(_, ours)| *ours)
}

#[cfg(test)]
mod tests {
    use super::TABLE;

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

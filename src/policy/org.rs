//! Organisation policy parameters: the facts about an organisation that rules cannot guess,
//! such as which registries are approved. Empty means "not configured": a rule that needs a
//! parameter stays silent without it rather than inventing a default.
//!
//! They come from the `[policy]` section of `.iacguard.toml` (see [`super::config`]) and are
//! read by the `ORG-*` rules and `K8S-IMG-003`.

#[derive(Debug, Default, Clone)]
pub struct OrgPolicy {
    /// Registry hosts (and optional path prefixes) images may come from, e.g.
    /// `123456789012.dkr.ecr.eu-west-1.amazonaws.com` or `ghcr.io/acme`.
    pub approved_registries: Vec<String>,
    /// AWS regions resources may be deployed to (`eu-west-1`).
    pub allowed_regions: Vec<String>,
    /// Azure locations resources may be deployed to (`westeurope`; compared without case and
    /// spaces, so `West Europe` is the same place).
    pub allowed_locations: Vec<String>,
    /// Tags every taggable AWS and Azure resource must carry.
    pub required_tags: Vec<String>,
    /// Labels every Kubernetes object must carry in `metadata.labels`.
    pub required_labels: Vec<String>,
    /// Whether public IP addresses may be created at all.
    pub deny_public_ips: bool,
}

impl OrgPolicy {
    /// Whether `location` is one of the allowed Azure locations.
    pub fn location_allowed(&self, location: &str) -> bool {
        let wanted = normalize_location(location);
        self.allowed_locations
            .iter()
            .any(|allowed| normalize_location(allowed) == wanted)
    }
}

/// `West Europe` and `westeurope` name the same Azure location.
fn normalize_location(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The configured entries of a list, without blank ones: a list of blanks is not configured.
pub fn configured(list: &[String]) -> impl Iterator<Item = &str> {
    list.iter().map(|s| s.trim()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn azure_locations_match_in_either_spelling() {
        let policy = OrgPolicy {
            allowed_locations: vec!["West Europe".to_string()],
            ..OrgPolicy::default()
        };
        assert!(policy.location_allowed("westeurope"));
        assert!(policy.location_allowed("WestEurope"));
        assert!(!policy.location_allowed("northeurope"));
    }
}

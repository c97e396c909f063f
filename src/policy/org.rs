//! Organisation policy parameters: the facts about an organisation that rules cannot guess,
//! such as which registries are approved. Empty means "not configured": a rule that needs a
//! parameter stays silent without it rather than inventing a default.

#[derive(Debug, Default, Clone)]
pub struct OrgPolicy {
    /// Registry hosts (and optional path prefixes) images may come from, e.g.
    /// `123456789012.dkr.ecr.eu-west-1.amazonaws.com` or `ghcr.io/acme`.
    pub approved_registries: Vec<String>,
    /// Regions resources may be deployed to.
    pub allowed_regions: Vec<String>,
    /// Tags every taggable resource must carry.
    pub required_tags: Vec<String>,
}

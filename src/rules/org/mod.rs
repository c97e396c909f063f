//! Organisation policies: rules whose parameters come from the `[policy]` section of
//! `.iacguard.toml` (see [`crate::policy::org::OrgPolicy`]). Each is silent until its parameter
//! is configured. `K8S-IMG-003` (approved registries) is one too, kept with the Kubernetes rules.

pub mod labels_required;
pub mod location_not_allowed;
pub mod public_ip;
pub mod region_not_allowed;
pub mod tags;
pub mod tags_required;

use crate::model::Val;

/// A known string value's text.
pub(crate) fn text(value: &Val<String>) -> Option<&str> {
    value.get().map(String::as_str)
}

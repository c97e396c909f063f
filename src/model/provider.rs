//! Terraform provider configurations (`provider "aws" { ... }`), kept as resources of type
//! `provider.aws` so organisation policies can see the region a configuration deploys to and
//! the tags the provider adds to every resource (`default_tags`).

use crate::model::Val;
use crate::source::FileId;

#[derive(Debug)]
pub struct Provider {
    /// The provider's local name: `aws`, `azurerm`.
    pub name: String,
    /// `region`, when written; without it the region comes from the environment.
    pub region: Option<Val<String>>,
    /// The tag keys of `default_tags { tags = {...} }`; `Err` when the map is not known.
    /// Empty when there are no default tags.
    pub default_tag_keys: Result<Vec<String>, String>,
    /// The files of the module that declares it: resources in them use this provider.
    pub module_files: Vec<FileId>,
}

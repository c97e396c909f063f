//! AWS Security Hub (`AWS::SecurityHub::Hub`, `aws_securityhub_account`) and its standards
//! subscriptions (`AWS::SecurityHub::Standard`, `aws_securityhub_standards_subscription`).

use crate::model::{Attr, Val};

#[derive(Debug)]
pub struct Hub {
    /// Whether Security Hub subscribes the account to its default standards (default: true).
    pub default_standards: Val<bool>,
}

/// A subscription to one security standard. What it names does not matter to the rules: one
/// in the scan means standards are managed explicitly.
#[derive(Debug)]
pub struct Standard;

pub const DEFAULT_STANDARDS: Attr = Attr {
    id: "enable_default_standards",
    terraform: "enable_default_standards",
    cloudformation: "EnableDefaultStandards",
    kubernetes: "enable_default_standards",
};

//! Policy: which rules run. Rulesets (named profiles embedded in the binary, or files) select
//! rules and say which benchmark control each one checks.

pub mod ruleset;

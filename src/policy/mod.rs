//! Policy: which rules run, and with which organisation parameters. Rulesets (named profiles
//! embedded in the binary, or files) select rules and say which benchmark control each one
//! checks; [`org::OrgPolicy`] holds the parameters organisation rules read; [`guard`] runs
//! custom policies written in AWS CloudFormation Guard's DSL.

pub mod baseline;
pub mod config;
pub mod diff_base;
pub mod exclude;
pub mod guard;
pub mod org;
pub mod ruleset;

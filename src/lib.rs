//! iacguard: a static security analyzer for Infrastructure as Code.
//!
//! The pipeline: [`discover`] finds files and [`load`] reads them into [`source::Sources`];
//! [`parse`] turns YAML, JSON and HCL into spanned trees; [`adapt`] maps CloudFormation,
//! Terraform and Kubernetes documents onto one typed [`model`] with provenance for every value;
//! [`check`] runs the [`rules`] over every resource in parallel; [`report`] writes the
//! [`finding::Finding`]s and [`notice::Notice`]s as text, JSON, SARIF or CI formats, and
//! [`fix`] applies the safe textual fixes rules offer. [`scan`] strings the
//! stages together; [`policy`] decides which rules run.

pub mod adapt;
pub mod check;
pub mod discover;
pub mod finding;
pub mod fix;
pub mod load;
pub mod model;
pub mod notice;
pub mod parse;
pub mod policy;
pub mod report;
pub mod rules;
pub mod scan;
pub mod source;
pub mod suppress;

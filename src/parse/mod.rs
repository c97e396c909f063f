//! Syntax with spans, and nothing more.
//!
//! YAML and JSON documents become the same spanned [`Node`] tree, so that a CloudFormation
//! template or a Kubernetes manifest looks alike whichever syntax it was written in; HCL stays in
//! `hcl-edit`'s own tree, which already carries spans, for the Terraform evaluator. Parsers
//! never interpret what they read: that is the adapters' job.
//!
//! Every parser refuses input nested deeper than [`MAX_DEPTH`] before it recurses, so hostile
//! input gets an error instead of a stack overflow.

pub mod hcl;
pub mod json;
mod nesting;
mod node;
mod syntax_error;
pub mod yaml;

pub use node::{Entry, Node, NodeKind, Via};
pub use syntax_error::SyntaxError;

/// How deep collections may nest. Real templates and manifests stay far below it.
pub const MAX_DEPTH: usize = 256;

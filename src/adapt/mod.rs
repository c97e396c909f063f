//! Adapters: documents in, typed resources of the common model out.
//!
//! One adapter per (format, service): `cloudformation/eks.rs` reads `AWS::EKS::Cluster`,
//! `terraform/eks.rs` reads `aws_eks_cluster`, and both fill the same [`crate::model::aws::eks::Cluster`].
//! Cloud and platform defaults are applied here, not in rules: a setting left out is recorded
//! with the value the cloud would use and [`crate::model::How::Default`].

pub mod cloudformation;
mod inputs;
pub mod kubernetes;
mod read;
pub mod terraform;

pub use inputs::Inputs;

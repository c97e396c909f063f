//! Kubernetes objects and node/control-plane configuration.

mod encryption_config;
pub mod inventory;
mod storage;
mod workload;

pub use encryption_config::{EncryptionConfig, EncryptionRule};
pub use inventory::{Inventory, PodIdentity};
pub use storage::{Secret, SecretSection, StorageClass, ENCRYPTED_PARAMETER};
pub use workload::{Container, ContainerKind, ControlPlane, Flag, PodSpec, Workload, PRIVILEGED};

//! Kubernetes objects and node/control-plane configuration.

mod control_plane;
mod encryption_config;
mod storage;
mod workload;

pub use control_plane::{ControlPlane, Flag};
pub use encryption_config::{EncryptionConfig, EncryptionRule};
pub use storage::{Secret, SecretSection, StorageClass, ENCRYPTED_PARAMETER};
pub use workload::{Container, ContainerKind, PodSpec, Workload, PRIVILEGED};

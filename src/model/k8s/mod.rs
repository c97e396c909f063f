//! Kubernetes objects and node/control-plane configuration.

mod control_plane;
mod encryption_config;
mod kubelet;
mod rbac;
mod service;
mod storage;
mod workload;

pub use control_plane::{ControlPlane, Flag, PlaneSource};
pub use encryption_config::{EncryptionConfig, EncryptionRule};
pub use kubelet::{
    is_kubeadm_document, managed_by_kubeadm, Kubelet, KubeletSetting, KubeletSource,
    ANONYMOUS_AUTH, AUTHORIZATION_MODE, CLIENT_CA_FILE, KUBEADM_KINDS, PROTECT_KERNEL_DEFAULTS,
    READ_ONLY_PORT, ROTATE_CERTIFICATES, ROTATE_SERVER_CERTIFICATE_GATE,
};
pub use rbac::{Binding, PolicyRule, Role, Subject};
pub use service::{
    Annotation, Annotations, Ingress, Service, EXTERNAL_IPS, INGRESS_TLS, SERVICE_TYPE,
    SOURCE_RANGES,
};
pub use storage::{Secret, SecretSection, StorageClass, ENCRYPTED_PARAMETER};
pub use workload::{Container, ContainerKind, PodSpec, Workload, PRIVILEGED};

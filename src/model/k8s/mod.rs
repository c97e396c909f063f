//! Kubernetes objects and node/control-plane configuration.

mod control_plane;
mod encryption_config;
pub mod inventory;
mod kubelet;
mod rbac;
mod service;
mod storage;
mod workload;

pub use control_plane::{ControlPlane, Flag, PlaneSource};
pub use encryption_config::{EncryptionConfig, EncryptionRule};
pub use inventory::{Inventory, PodIdentity};
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
pub use workload::{
    Container, ContainerKind, EnvVar, ImageRef, PodSpec, Resources, SeLinuxOptions, Security,
    Volume, Workload, ALLOW_PRIVILEGE_ESCALATION, APPARMOR_PROFILE, CAPABILITIES_ADD,
    CAPABILITIES_DROP, ENV, ENV_FROM, HOST_IPC, HOST_NETWORK, HOST_PATH, HOST_PID, HOST_PORT,
    HOST_PROCESS, IMAGE, IMAGE_PULL_POLICY, LIVENESS_PROBE, PRIVILEGED, PROC_MOUNT,
    READINESS_PROBE, READ_ONLY_ROOT_FILESYSTEM, RESOURCES_LIMITS, RESOURCES_REQUESTS,
    RUN_AS_NON_ROOT, RUN_AS_USER, SECCOMP_PROFILE, SE_LINUX_OPTIONS, SYSCTLS, VOLUMES,
};

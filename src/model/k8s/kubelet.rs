//! The kubelet's security settings, from a `KubeletConfiguration` file (YAML, or the JSON
//! `kubelet-config.json` of the EKS AMIs) or from kubelet flags in a kubeadm configuration
//! (`nodeRegistration.kubeletExtraArgs`).
//!
//! For a configuration file every setting has a value: written, or the `kubelet.config.k8s.io/v1beta1`
//! default (anonymous authentication off, `Webhook` authorization, read-only port 0), recorded
//! as [`How::Default`](crate::model::How::Default). Flags given through kubeadm override the
//! configuration kubeadm writes for the node, so only written flags are known there: an
//! absent one is `None`, decided by that configuration.

use crate::model::{Attr, Resource, Val};
use crate::parse::Node;
use crate::source::Span;

#[derive(Debug)]
pub struct Kubelet {
    pub source: KubeletSource,
    /// `authentication.anonymous.enabled` / `--anonymous-auth`.
    pub anonymous_auth: Option<Val<bool>>,
    /// `authorization.mode` / `--authorization-mode`: `Webhook` or `AlwaysAllow`.
    pub authorization_mode: Option<Val<String>>,
    /// `authentication.x509.clientCAFile` / `--client-ca-file`; no default.
    pub client_ca_file: Option<Val<String>>,
    /// `authentication.x509`, or the `authentication` block, or the document: where a missing
    /// client CA is reported.
    pub client_ca_block: Span,
    /// `readOnlyPort` / `--read-only-port`.
    pub read_only_port: Option<Val<f64>>,
    /// `protectKernelDefaults` / `--protect-kernel-defaults`.
    pub protect_kernel_defaults: Option<Val<bool>>,
    /// `rotateCertificates` / `--rotate-certificates`: client certificate rotation.
    pub rotate_certificates: Option<Val<bool>>,
    /// `featureGates.RotateKubeletServerCertificate` / `--feature-gates`; on by default since 1.12.
    pub rotate_server_certificate_gate: Option<Val<bool>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KubeletSource {
    /// A `KubeletConfiguration` document.
    ConfigFile,
    /// `kubeletExtraArgs` of a kubeadm `InitConfiguration` or `JoinConfiguration`.
    KubeadmFlags,
}

/// A kubelet setting's name in the configuration file and as a flag.
#[derive(Debug, Clone, Copy)]
pub struct KubeletSetting {
    pub config: &'static str,
    pub flag: &'static str,
}

impl KubeletSetting {
    pub fn name(&self, source: KubeletSource) -> &'static str {
        match source {
            KubeletSource::ConfigFile => self.config,
            KubeletSource::KubeadmFlags => self.flag,
        }
    }

    /// For fingerprints: the configuration-file name, whatever the form.
    pub fn attr(&self) -> Attr {
        Attr::uniform(self.config)
    }
}

pub const ANONYMOUS_AUTH: KubeletSetting = KubeletSetting {
    config: "authentication.anonymous.enabled",
    flag: "--anonymous-auth",
};
pub const AUTHORIZATION_MODE: KubeletSetting = KubeletSetting {
    config: "authorization.mode",
    flag: "--authorization-mode",
};
pub const CLIENT_CA_FILE: KubeletSetting = KubeletSetting {
    config: "authentication.x509.clientCAFile",
    flag: "--client-ca-file",
};
pub const READ_ONLY_PORT: KubeletSetting = KubeletSetting {
    config: "readOnlyPort",
    flag: "--read-only-port",
};
pub const PROTECT_KERNEL_DEFAULTS: KubeletSetting = KubeletSetting {
    config: "protectKernelDefaults",
    flag: "--protect-kernel-defaults",
};
pub const ROTATE_CERTIFICATES: KubeletSetting = KubeletSetting {
    config: "rotateCertificates",
    flag: "--rotate-certificates",
};
pub const ROTATE_SERVER_CERTIFICATE_GATE: KubeletSetting = KubeletSetting {
    config: "featureGates.RotateKubeletServerCertificate",
    flag: "--feature-gates",
};

/// Kinds of the kubeadm configuration API (`kubeadm.k8s.io`).
pub const KUBEADM_KINDS: [&str; 3] = [
    "ClusterConfiguration",
    "InitConfiguration",
    "JoinConfiguration",
];

/// Whether a document is a kubeadm configuration.
pub fn is_kubeadm_document(document: &Node) -> bool {
    let api_version = document.get("apiVersion").and_then(Node::as_str);
    let kind = document.get("kind").and_then(Node::as_str);
    api_version.is_some_and(|v| v.starts_with("kubeadm.k8s.io/"))
        && kind.is_some_and(|k| KUBEADM_KINDS.contains(&k))
}

/// Whether `resource` sits in a file that also holds a kubeadm configuration: kubeadm then
/// completes the `KubeletConfiguration` (client CA file, certificate rotation) before the
/// kubelet reads it.
pub fn managed_by_kubeadm(resource: &Resource, resources: &[Resource]) -> bool {
    resources
        .iter()
        .any(|other| other.header.file == resource.header.file && is_kubeadm_document(&other.body))
}

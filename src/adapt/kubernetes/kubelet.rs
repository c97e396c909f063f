//! `KubeletConfiguration` documents (YAML or JSON) and kubelet flags, to [`Kubelet`].

use crate::adapt::read::{bool_field, field, key_span_or, str_field};
use crate::model::k8s::{Flag, Kubelet, KubeletSource};
use crate::model::Val;
use crate::parse::{Node, NodeKind};
use crate::source::Span;

/// A `kubelet.config.k8s.io/v1beta1` document; unset fields take that API's defaults, located
/// at the block that lacks them (`header` when the whole block is missing).
pub fn from_config(document: &Node, header: Span) -> Kubelet {
    let authentication = field(Some(document), "authentication");
    let anonymous = field(authentication, "anonymous");
    let x509 = field(authentication, "x509");
    let authorization = field(Some(document), "authorization");
    let feature_gates = field(Some(document), "featureGates");
    let authentication_at = key_span_or(Some(document), "authentication", header);

    Kubelet {
        source: KubeletSource::ConfigFile,
        anonymous_auth: Some(bool_field(anonymous, "enabled").unwrap_or_else(|| {
            Val::default(
                false,
                key_span_or(authentication, "anonymous", authentication_at),
            )
        })),
        authorization_mode: Some(str_field(authorization, "mode").unwrap_or_else(|| {
            Val::default(
                "Webhook".to_string(),
                key_span_or(Some(document), "authorization", header),
            )
        })),
        client_ca_file: str_field(x509, "clientCAFile"),
        client_ca_block: key_span_or(authentication, "x509", authentication_at),
        read_only_port: Some(
            field(Some(document), "readOnlyPort")
                .map(number)
                .unwrap_or_else(|| Val::default(0.0, header)),
        ),
        protect_kernel_defaults: Some(
            bool_field(Some(document), "protectKernelDefaults")
                .unwrap_or_else(|| Val::default(false, header)),
        ),
        rotate_certificates: Some(
            bool_field(Some(document), "rotateCertificates")
                .unwrap_or_else(|| Val::default(false, header)),
        ),
        rotate_server_certificate_gate: Some(
            bool_field(feature_gates, "RotateKubeletServerCertificate")
                .unwrap_or_else(|| Val::default(true, header)),
        ),
    }
}

/// Kubelet flags given through kubeadm. Unwritten flags are left to the configuration kubeadm
/// generates for the node, so they are `None`.
pub fn from_flags(flags: &[Flag], at: Span) -> Kubelet {
    let last = |name: &str| flags.iter().rev().find(|flag| flag.name == name);
    let bool_flag = |name: &str| last(name).map(|flag| flag_val(flag, Flag::parse_bool));
    let gate = last("feature-gates").and_then(|flag| {
        flag.items().into_iter().rev().find_map(|(item, span)| {
            let (name, value) = item.split_once('=')?;
            (name.trim() == "RotateKubeletServerCertificate").then(|| {
                match Flag::parse_bool(value.trim()) {
                    Some(enabled) => Val::known(enabled, span),
                    None => Val::unknown(format!("`{value}` is not a boolean"), span),
                }
            })
        })
    });
    Kubelet {
        source: KubeletSource::KubeadmFlags,
        anonymous_auth: bool_flag("anonymous-auth"),
        authorization_mode: last("authorization-mode")
            .map(|flag| flag_val(flag, |s| Some(s.to_string()))),
        client_ca_file: last("client-ca-file").map(|flag| flag_val(flag, |s| Some(s.to_string()))),
        client_ca_block: at,
        read_only_port: last("read-only-port")
            .map(|flag| flag_val(flag, |s| s.trim().parse().ok())),
        protect_kernel_defaults: bool_flag("protect-kernel-defaults"),
        rotate_certificates: bool_flag("rotate-certificates"),
        rotate_server_certificate_gate: gate,
    }
}

/// A flag's value converted, keeping its place and history; a bare flag means `true`.
fn flag_val<T>(flag: &Flag, convert: impl Fn(&str) -> Option<T>) -> Val<T> {
    let origin = flag.value.as_ref().map_or_else(
        || Val::<()>::known((), flag.span).origin,
        |v| v.origin.clone(),
    );
    let value = match flag.value_str() {
        Some(text) => convert(text).ok_or_else(|| format!("`{text}` is not a valid value")),
        None => Err("the value is not known before deployment".to_string()),
    };
    Val { value, origin }
}

/// A port number, written as a number or a numeric string.
fn number(node: &Node) -> Val<f64> {
    Val::from_node(node, "a number", |n| match &n.kind {
        NodeKind::Number(x) => Some(*x),
        NodeKind::Str(s) => s.trim().parse().ok(),
        _ => None,
    })
}

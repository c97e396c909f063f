//! kubeadm configuration (`kubeadm.k8s.io/v1beta3` and `v1beta4`) to the same models as static
//! pods and kubelet configuration files.
//!
//! A `ClusterConfiguration` describes the control plane kubeadm will generate: the `extraArgs`
//! of `apiServer`, `controllerManager`, `scheduler` and `etcd.local` become a [`ControlPlane`]
//! each, over kubeadm's own generated flags (`--authorization-mode=Node,RBAC`, ...) and the
//! binaries' defaults. `extraArgs` is a map in v1beta3 and a list of `{name, value}` in v1beta4.
//! `nodeRegistration.kubeletExtraArgs` of an `InitConfiguration` or `JoinConfiguration` becomes
//! a [`Kubelet`](crate::model::k8s::Kubelet) from flags.

use crate::adapt::kubernetes::control_plane::binary_defaults;
use crate::adapt::kubernetes::kubelet;
use crate::adapt::read::{field, key_span_or};
use crate::model::k8s::{ControlPlane, Flag, PlaneSource};
use crate::model::{Format, Kind, Resource, Val};
use crate::parse::Node;
use crate::source::Span;

/// The configuration's sections, the component each configures, and where its flags are.
const SECTIONS: [(&[&str], &str); 4] = [
    (&["apiServer"], "kube-apiserver"),
    (&["controllerManager"], "kube-controller-manager"),
    (&["scheduler"], "kube-scheduler"),
    (&["etcd", "local"], "etcd"),
];

/// The extra resources a kubeadm document yields: one per control-plane component of a
/// `ClusterConfiguration`, a kubelet for `kubeletExtraArgs`.
pub fn resources(document: &Node, kind: &str, header: Span, address: &str) -> Vec<Resource> {
    let mut resources = Vec::new();
    let resource = |type_name: &str, header: Span, kind: Kind| Resource {
        format: Format::Kubernetes,
        type_name: type_name.to_string(),
        address: format!("{address}/{type_name}"),
        header,
        body: document.clone(),
        metadata: None,
        object: None,
        enclosing: Vec::new(),
        kind,
    };
    match kind {
        "ClusterConfiguration" => {
            for (path, component) in SECTIONS {
                // An external etcd is not deployed by kubeadm: nothing to judge here.
                if component == "etcd" && field(field(Some(document), "etcd"), "external").is_some()
                {
                    continue;
                }
                let section = document.path(path).filter(|node| !node.is_null());
                let invocation = match path {
                    [key] => key_span_or(Some(document), key, header),
                    _ => document
                        .get(path[0])
                        .map_or(header, |etcd| key_span_or(Some(etcd), path[1], header)),
                };
                let flags = field(section, "extraArgs")
                    .map(extra_args)
                    .unwrap_or_default();
                let plane = ControlPlane {
                    component: component.to_string(),
                    invocation,
                    source: PlaneSource::Kubeadm,
                    flags,
                    defaults: kubeadm_defaults(component, invocation),
                };
                resources.push(resource(component, invocation, Kind::ControlPlane(plane)));
            }
        }
        "InitConfiguration" | "JoinConfiguration" => {
            let registration = field(Some(document), "nodeRegistration");
            if let Some(args) = field(registration, "kubeletExtraArgs") {
                let at = key_span_or(registration, "kubeletExtraArgs", header);
                let flags = extra_args(args);
                if !flags.is_empty() {
                    resources.push(resource(
                        "kubelet",
                        at,
                        Kind::Kubelet(kubelet::from_flags(&flags, at)),
                    ));
                }
            }
        }
        _ => {}
    }
    resources
}

/// `extraArgs`: `{name: value}` (v1beta3) or `[{name, value}]` (v1beta4). Keys may carry the
/// leading dashes of a flag by mistake; they are dropped.
fn extra_args(node: &Node) -> Vec<Flag> {
    if let Some(entries) = node.as_map() {
        return entries
            .iter()
            .map(|entry| Flag {
                name: entry.key.trim_start_matches('-').to_string(),
                value: Some(Val::from_str_node(&entry.value)),
                span: entry.key_span.to(entry.value.span),
            })
            .collect();
    }
    node.as_seq()
        .unwrap_or_default()
        .iter()
        .filter_map(|item| {
            let name = item.get("name")?.as_str()?;
            Some(Flag {
                name: name.trim_start_matches('-').to_string(),
                value: Some(match field(Some(item), "value") {
                    Some(value) => Val::from_str_node(value),
                    None => Val::known(String::new(), item.span),
                }),
                span: item.span,
            })
        })
        .collect()
}

/// The flags kubeadm writes into the static pods it generates, over the binaries' defaults.
fn kubeadm_defaults(component: &str, at: Span) -> Vec<Flag> {
    let generated: &[(&str, &str)] = match component {
        "kube-apiserver" => &[
            ("authorization-mode", "Node,RBAC"),
            ("enable-admission-plugins", "NodeRestriction"),
            ("secure-port", "6443"),
        ],
        "kube-controller-manager" => &[("use-service-account-credentials", "true")],
        "etcd" => &[
            ("client-cert-auth", "true"),
            ("peer-client-cert-auth", "true"),
        ],
        _ => &[],
    };
    let mut defaults: Vec<Flag> = generated
        .iter()
        .map(|(name, value)| Flag::default(name, value, at))
        .collect();
    defaults.extend(
        binary_defaults(component, at)
            .into_iter()
            .filter(|flag| !generated.iter().any(|(name, _)| *name == flag.name)),
    );
    defaults
}

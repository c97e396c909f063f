//! The pod template of every workload kind, as one [`PodSpec`].

use crate::adapt::read::{bool_field, field, str_field};
use crate::model::k8s::{Container, ContainerKind, PodSpec, Workload};
use crate::model::Val;
use crate::parse::Node;

/// Where each kind keeps its pod spec.
fn pod_spec_path(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "Pod" => &["spec"],
        "PodTemplate" => &["template", "spec"],
        "Deployment"
        | "StatefulSet"
        | "DaemonSet"
        | "ReplicaSet"
        | "ReplicationController"
        | "Job" => &["spec", "template", "spec"],
        "CronJob" => &["spec", "jobTemplate", "spec", "template", "spec"],
        _ => return None,
    })
}

pub fn workload(document: &Node, kind: &str, name: &str) -> Option<Workload> {
    let spec = document.path(pod_spec_path(kind)?)?;
    Some(Workload {
        kind: kind.to_string(),
        name: name.to_string(),
        namespace: str_field(document.get("metadata"), "namespace"),
        pod: pod_spec(spec),
    })
}

fn pod_spec(spec: &Node) -> PodSpec {
    let mut containers = Vec::new();
    for (key, kind) in [
        ("containers", ContainerKind::Regular),
        ("initContainers", ContainerKind::Init),
        ("ephemeralContainers", ContainerKind::Ephemeral),
    ] {
        let items = field(Some(spec), key)
            .and_then(Node::as_seq)
            .unwrap_or_default();
        containers.extend(items.iter().map(|item| container(item, kind)));
    }
    PodSpec {
        span: spec.span,
        containers,
    }
}

fn container(item: &Node, kind: ContainerKind) -> Container {
    let security_context = field(Some(item), "securityContext");
    let argv = ["command", "args"]
        .iter()
        .filter_map(|key| field(Some(item), key).and_then(Node::as_seq))
        .flatten()
        .map(Val::from_str_node)
        .collect();
    Container {
        name: field(Some(item), "name")
            .and_then(Node::as_str)
            .unwrap_or("<unnamed>")
            .to_string(),
        kind,
        span: item.span,
        image: str_field(Some(item), "image"),
        privileged: bool_field(security_context, "privileged"),
        argv,
    }
}

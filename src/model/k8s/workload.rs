//! Workloads: one pod-spec view over every kind that runs containers.
//!
//! Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob and
//! PodTemplate all carry a pod template somewhere in their spec; adapters find it, so rules only
//! ever look at a [`PodSpec`].

use crate::model::Val;
use crate::source::Span;

#[derive(Debug)]
pub struct Workload {
    /// The object's kind, such as `Deployment`.
    pub kind: String,
    pub name: String,
    pub namespace: Option<Val<String>>,
    pub pod: PodSpec,
}

#[derive(Debug)]
pub struct PodSpec {
    /// The pod spec itself, for findings about pod-level settings it lacks.
    pub span: Span,
    /// Regular, init and ephemeral containers, in that order.
    pub containers: Vec<Container>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    Regular,
    Init,
    Ephemeral,
}

impl ContainerKind {
    pub fn noun(self) -> &'static str {
        match self {
            ContainerKind::Regular => "container",
            ContainerKind::Init => "init container",
            ContainerKind::Ephemeral => "ephemeral container",
        }
    }
}

#[derive(Debug)]
pub struct Container {
    pub name: String,
    pub kind: ContainerKind,
    /// The container entry, for findings about settings it lacks.
    pub span: Span,
    pub image: Option<Val<String>>,
    pub privileged: Option<Val<bool>>,
    /// `command` followed by `args`, as the process would receive them.
    pub argv: Vec<Val<String>>,
}

/// A control-plane component configured by command-line flags, such as the kube-apiserver of a
/// static pod manifest.
#[derive(Debug)]
pub struct ControlPlane {
    /// The binary: `kube-apiserver`, `kube-controller-manager`, `kube-scheduler`, `etcd`.
    pub component: String,
    /// Where the component is invoked; findings about missing flags point here.
    pub invocation: Span,
    pub flags: Vec<Flag>,
}

/// A `--name=value` (or `--name value`, or bare `--name`) argument.
#[derive(Debug)]
pub struct Flag {
    pub name: String,
    /// The value with its own span; `None` for a bare boolean flag.
    pub value: Option<Val<String>>,
    pub span: Span,
}

impl ControlPlane {
    /// The last occurrence of a flag wins, as with the Go flag package.
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().rev().find(|flag| flag.name == name)
    }
}

impl Flag {
    /// The flag's value, a bare flag meaning `true`; `None` when unknown.
    pub fn value_str(&self) -> Option<&str> {
        match &self.value {
            None => Some("true"),
            Some(value) => value.get().map(String::as_str),
        }
    }

    /// The span of the value, or of the whole flag when it has none.
    pub fn value_span(&self) -> Span {
        self.value.as_ref().map_or(self.span, Val::span)
    }
}

use crate::model::Attr;

pub const PRIVILEGED: Attr = Attr {
    id: "privileged",
    terraform: "security_context.privileged",
    cloudformation: "securityContext.privileged",
    kubernetes: "securityContext.privileged",
};

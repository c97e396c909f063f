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

use crate::model::Attr;

pub const PRIVILEGED: Attr = Attr {
    id: "privileged",
    terraform: "security_context.privileged",
    cloudformation: "securityContext.privileged",
    kubernetes: "securityContext.privileged",
};

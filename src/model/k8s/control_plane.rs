//! Control-plane components (kube-apiserver, kube-controller-manager, kube-scheduler, etcd) as
//! sets of command-line flags, whether written in a static pod manifest or in a kubeadm
//! configuration.

use crate::model::Val;
use crate::source::Span;

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

//! Control-plane components (kube-apiserver, kube-controller-manager, kube-scheduler, etcd) as
//! sets of command-line flags, whether written in a static pod manifest or in a kubeadm
//! configuration.
//!
//! A flag that is not written still has a value: the binary's default, or the flag kubeadm
//! writes into the static pods it generates. Adapters record those in
//! [`ControlPlane::defaults`] (with [`How::Default`](crate::model::How::Default), located at the
//! component), so [`ControlPlane::flag`] answers with the value in effect.

use crate::model::Val;
use crate::source::Span;

/// A control-plane component configured by command-line flags.
#[derive(Debug)]
pub struct ControlPlane {
    /// The binary: `kube-apiserver`, `kube-controller-manager`, `kube-scheduler`, `etcd`.
    pub component: String,
    /// Where the component is configured (the command in a static pod, the `apiServer:` key of
    /// a kubeadm configuration); defaults and findings about missing flags point here.
    pub invocation: Span,
    pub source: PlaneSource,
    /// The flags as written, in order.
    pub flags: Vec<Flag>,
    /// The values of flags that are not written.
    pub defaults: Vec<Flag>,
}

/// Where the flags were read from, which decides the defaults and how a fix is phrased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaneSource {
    /// The `command`/`args` of a static pod manifest.
    StaticPod,
    /// The `extraArgs` of a kubeadm `ClusterConfiguration`.
    Kubeadm,
}

/// A `--name=value` (or `--name value`, or bare `--name`) argument, or one `extraArgs` entry.
#[derive(Debug, Clone)]
pub struct Flag {
    pub name: String,
    /// The value with its own span; `None` for a bare boolean flag.
    pub value: Option<Val<String>>,
    pub span: Span,
}

impl ControlPlane {
    /// The flag in effect: the last written occurrence (as with the Go flag package), else the
    /// default.
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.written(name)
            .or_else(|| self.defaults.iter().find(|flag| flag.name == name))
    }

    /// The flag as written, ignoring defaults.
    pub fn written(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().rev().find(|flag| flag.name == name)
    }

    pub fn is(&self, component: &str) -> bool {
        self.component == component
    }

    /// How to tell the user to set a flag, in the form they wrote the component in.
    pub fn how_to_set(&self, flag: &str, value: &str) -> String {
        match self.source {
            PlaneSource::StaticPod => format!("`--{flag}={value}`"),
            PlaneSource::Kubeadm => format!("`{flag}: \"{value}\"` under `extraArgs`"),
        }
    }
}

impl Flag {
    /// A flag that is not written, with the value in effect, located at `at`.
    pub fn default(name: &str, value: &str, at: Span) -> Flag {
        Flag {
            name: name.to_string(),
            value: Some(Val::default(value.to_string(), at)),
            span: at,
        }
    }

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

    /// Not written: a binary or kubeadm default.
    pub fn is_default(&self) -> bool {
        self.value.as_ref().is_some_and(Val::is_default)
    }

    /// A boolean flag's value (`true`, `false`, Go's `1`/`t`/`T`/`TRUE`...); `None` when unknown
    /// or not a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self.value_str()? {
            "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
            "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
            _ => None,
        }
    }

    /// A numeric flag's value; `None` when unknown or not a number.
    pub fn as_number(&self) -> Option<f64> {
        self.value_str()?.trim().parse().ok()
    }

    /// The comma-separated items of a list flag (`--authorization-mode=Node,RBAC`), each with
    /// its span when it can be located inside the value.
    pub fn items(&self) -> Vec<(String, Span)> {
        let Some(text) = self.value_str() else {
            return Vec::new();
        };
        let span = self.value_span();
        // The value's span covers exactly its text, or its text in quotes; otherwise (a default,
        // an escaped string) items are located at the whole value.
        let start = if self.is_default() {
            None
        } else if span.len() == text.len() {
            Some(span.start as usize)
        } else if span.len() == text.len() + 2 {
            Some(span.start as usize + 1)
        } else {
            None
        };
        let mut items = Vec::new();
        let mut offset = 0;
        for item in text.split(',') {
            let trimmed = item.trim();
            let lead = item.len() - item.trim_start().len();
            let item_span = match start {
                Some(start) if !trimmed.is_empty() => Span::new(
                    span.file,
                    start + offset + lead,
                    start + offset + lead + trimmed.len(),
                ),
                _ => span,
            };
            if !trimmed.is_empty() {
                items.push((trimmed.to_string(), item_span));
            }
            offset += item.len() + 1;
        }
        items
    }

    /// Whether a list flag names `item`.
    pub fn has_item(&self, item: &str) -> bool {
        self.items().iter().any(|(name, _)| name == item)
    }
}

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
        Flag::parse_bool(self.value_str()?)
    }

    /// A boolean as Go's `strconv.ParseBool` reads it.
    pub fn parse_bool(text: &str) -> Option<bool> {
        match text {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn flag(value: &str, start: usize, end: usize) -> Flag {
        let span = Span::new(FileId(0), start, end);
        Flag {
            name: "authorization-mode".to_string(),
            value: Some(Val::known(value.to_string(), span)),
            span,
        }
    }

    #[test]
    fn list_items_are_located_inside_the_value() {
        // `--authorization-mode=Node, AlwaysAllow` with the value at bytes 20..37.
        let items = flag("Node, AlwaysAllow", 20, 37).items();
        assert_eq!(items[0], ("Node".to_string(), Span::new(FileId(0), 20, 24)));
        assert_eq!(
            items[1],
            ("AlwaysAllow".to_string(), Span::new(FileId(0), 26, 37))
        );
        // Quoted: the quotes are skipped.
        let items = flag("RBAC", 10, 16).items();
        assert_eq!(items[0].1, Span::new(FileId(0), 11, 15));
        // Otherwise (escapes), items point at the whole value.
        let items = flag("RBAC", 10, 30).items();
        assert_eq!(items[0].1, Span::new(FileId(0), 10, 30));
    }

    #[test]
    fn written_flags_win_over_defaults_and_the_last_one_wins() {
        let at = Span::new(FileId(0), 0, 3);
        let mut plane = ControlPlane {
            component: "kube-apiserver".to_string(),
            invocation: at,
            source: PlaneSource::StaticPod,
            flags: vec![flag("RBAC", 5, 9), flag("Node,RBAC", 10, 19)],
            defaults: vec![Flag::default("authorization-mode", "AlwaysAllow", at)],
        };
        assert_eq!(
            plane.flag("authorization-mode").unwrap().value_str(),
            Some("Node,RBAC")
        );
        plane.flags.clear();
        let default = plane.flag("authorization-mode").unwrap();
        assert!(default.is_default());
        assert_eq!(default.items()[0].1, at);
        assert!(plane.written("authorization-mode").is_none());
    }

    #[test]
    fn booleans_and_numbers_as_go_parses_them() {
        assert_eq!(flag("1", 0, 1).as_bool(), Some(true));
        assert_eq!(flag("False", 0, 5).as_bool(), Some(false));
        assert_eq!(flag("yes", 0, 3).as_bool(), None);
        assert_eq!(flag(" 30", 0, 3).as_number(), Some(30.0));
        let bare = Flag {
            name: "profiling".to_string(),
            value: None,
            span: Span::new(FileId(0), 0, 11),
        };
        assert_eq!(bare.as_bool(), Some(true));
    }
}

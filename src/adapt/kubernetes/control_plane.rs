//! Control-plane components run as static pods, read as flag sets.
//!
//! A container whose command starts with `kube-apiserver` (or another component) is parsed the
//! way its flag library would: `--name=value`, `--name value`, bare `--name`. Each value keeps
//! its own span inside the argument string, so a finding underlines `0` in `--secure-port=0`.
//! Flags that are not written get the binary's default (see [`binary_defaults`]).

use crate::model::k8s::{ControlPlane, Flag, PlaneSource, PodSpec};
use crate::model::Val;
use crate::source::{SourceFile, Span};

pub const COMPONENTS: [&str; 4] = [
    "kube-apiserver",
    "kube-controller-manager",
    "kube-scheduler",
    "etcd",
];

pub fn from_pod(pod: &PodSpec, source: &SourceFile) -> Vec<ControlPlane> {
    pod.containers
        .iter()
        .filter_map(|container| {
            let program = container.argv.first()?;
            let binary = program.get()?.rsplit('/').next()?;
            let component = COMPONENTS.iter().find(|c| **c == binary)?;
            Some(ControlPlane {
                component: component.to_string(),
                invocation: program.span(),
                source: PlaneSource::StaticPod,
                flags: flags(&container.argv[1..], source),
                defaults: binary_defaults(component, program.span()),
            })
        })
        .collect()
}

fn flags(args: &[Val<String>], source: &SourceFile) -> Vec<Flag> {
    let mut flags = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        let Some(text) = arg.get() else { continue };
        let Some(body) = text.strip_prefix("--").or_else(|| text.strip_prefix('-')) else {
            continue;
        };
        if let Some((name, value)) = body.split_once('=') {
            flags.push(Flag {
                name: name.to_string(),
                value: Some(Val::known(
                    value.to_string(),
                    value_span(arg.span(), value, source),
                )),
                span: arg.span(),
            });
            continue;
        }
        let next_is_value = args
            .get(i)
            .and_then(Val::get)
            .is_some_and(|next| !next.starts_with('-'));
        let value = if next_is_value {
            i += 1;
            Some(args[i - 1].clone())
        } else {
            None
        };
        flags.push(Flag {
            name: body.to_string(),
            value,
            span: arg.span(),
        });
    }
    flags
}

/// The span of `value` at the end of the argument written at `argument` (which may be quoted).
fn value_span(argument: Span, value: &str, source: &SourceFile) -> Span {
    let written = source.slice(argument);
    let trimmed = written.trim_end_matches(['"', '\'']);
    match trimmed.strip_suffix(value) {
        Some(before) => Span::new(
            argument.file,
            argument.start as usize + before.len(),
            argument.start as usize + trimmed.len(),
        ),
        None => argument,
    }
}

/// The security-relevant flag defaults of each component binary (Kubernetes 1.28 to 1.31, etcd
/// 3.5), located at `at`. Flags whose default is "unset" (`--audit-log-path`,
/// `--encryption-provider-config`) are absent here: rules treat absence as unset.
pub fn binary_defaults(component: &str, at: Span) -> Vec<Flag> {
    let table: &[(&str, &str)] = match component {
        "kube-apiserver" => &[
            ("anonymous-auth", "true"),
            ("authorization-mode", "AlwaysAllow"),
            ("profiling", "true"),
            ("secure-port", "6443"),
        ],
        "kube-controller-manager" => &[
            ("profiling", "true"),
            ("use-service-account-credentials", "false"),
        ],
        "kube-scheduler" => &[("profiling", "true")],
        "etcd" => &[
            ("client-cert-auth", "false"),
            ("auto-tls", "false"),
            ("peer-client-cert-auth", "false"),
            ("peer-auto-tls", "false"),
        ],
        _ => &[],
    };
    table
        .iter()
        .map(|(name, value)| Flag::default(name, value, at))
        .collect()
}

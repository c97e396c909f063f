//! Reporting effective container settings.
//!
//! A setting written once at the pod level (`spec.securityContext.runAsUser: 0`) is the
//! effective value of every container that does not override it. Reporting it once per
//! container would stack identical findings on one line, so values are grouped by where they
//! are written and reported once, naming every container they apply to.

use crate::finding::Reporter;
use crate::model::k8s::Container;
use crate::model::{Attr, Kind, Resource, Val};

/// The containers of a workload whose pod is not a Windows pod (the restricted profile's
/// Linux-only controls exempt those); none for other resources.
pub fn linux_containers(resource: &Resource) -> &[Container] {
    match &resource.kind {
        Kind::Workload(workload) if !workload.pod.windows => &workload.pod.containers,
        _ => &[],
    }
}

/// The common shape of a container-setting rule: on a workload, take each container's
/// effective `setting`, keep those `bad` says are insecure, and report each written value once.
pub fn report_containers<T>(
    resource: &Resource,
    out: &mut Reporter,
    attr: &Attr,
    setting: impl Fn(&Container) -> &Val<T>,
    bad: impl Fn(&Val<T>) -> bool,
    message: impl Fn(&str, &Val<T>) -> String,
) {
    let Kind::Workload(workload) = &resource.kind else {
        return;
    };
    let hits: Vec<_> = workload
        .pod
        .containers
        .iter()
        .map(|container| (container, setting(container)))
        .filter(|(_, value)| bad(value))
        .collect();
    report_once_per_value(out, attr, &hits, message);
}

/// Reports each offending value once. `message` gets the subject (`container `web``, or
/// `containers `a`, `b``) and the value.
pub fn report_once_per_value<T>(
    out: &mut Reporter,
    attr: &Attr,
    hits: &[(&Container, &Val<T>)],
    message: impl Fn(&str, &Val<T>) -> String,
) {
    let mut reported = Vec::new();
    for (_, val) in hits {
        let span = val.span();
        if reported.contains(&span) {
            continue;
        }
        reported.push(span);
        let sharing: Vec<&Container> = hits
            .iter()
            .filter(|(_, other)| other.span() == span)
            .map(|(container, _)| *container)
            .collect();
        let subject = match sharing[..] {
            [container] => container.describe(),
            _ => format!(
                "containers {}",
                sharing
                    .iter()
                    .map(|container| format!("`{}`", container.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        out.report_value(attr, val, message(&subject, val));
    }
}

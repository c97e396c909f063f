//! Shared by the control-plane rules: finding a component's flag and reporting it where it is
//! written, or at the component when it is a default.

use crate::finding::Reporter;
use crate::model::k8s::{ControlPlane, Flag};
use crate::model::{Attr, Kind, Resource};

/// The control-plane component `resource` configures, when it is `component`.
pub fn component<'a>(resource: &'a Resource, component: &str) -> Option<&'a ControlPlane> {
    match &resource.kind {
        Kind::ControlPlane(plane) if plane.is(component) => Some(plane),
        _ => None,
    }
}

/// Reports `flag` at its value (a default at the component, a bare flag at the flag).
pub fn report_flag(out: &mut Reporter, attr: &Attr, flag: &Flag, message: String) {
    match &flag.value {
        Some(value) => out.report_value(attr, value, message),
        None => out.report_at(flag.span, attr.id, message),
    }
}

/// "`--name` is V" or "`--name` is not set and defaults to V".
pub fn describe(flag: &Flag) -> String {
    let value = flag.value_str().unwrap_or("unknown");
    if flag.is_default() {
        format!("`--{}` is not set and defaults to `{value}`", flag.name)
    } else {
        format!("`--{}` is `{value}`", flag.name)
    }
}

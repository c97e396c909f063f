//! The pod template of every workload kind, as one [`PodSpec`].
//!
//! Security settings are combined per container the way the kubelet does: a container's
//! `securityContext` wins over the pod's for the settings both can hold (`runAsNonRoot`,
//! `runAsUser`, `seLinuxOptions`, `seccompProfile`, `appArmorProfile`, `windowsOptions`),
//! legacy seccomp and AppArmor annotations fill in where no field is set, and what nobody sets
//! takes Kubernetes' default (spanned at the container's name). A level that cannot be known
//! (a Helm expression, a Terraform value computed at apply time) decides as an unknown value,
//! so nothing is inferred past it.

use crate::adapt::read::{field, str_field};
use crate::model::k8s::{
    Container, ContainerKind, EnvVar, ImageRef, PodSpec, Resources, SeLinuxOptions, Security,
    Volume, Workload,
};
use crate::model::{How, Origin, Val};
use crate::parse::{Node, NodeKind};
use crate::source::Span;

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
    let path = pod_spec_path(kind)?;
    let spec = document.path(path)?;
    // The pod template's metadata sits next to its spec (for a Pod, the object's own).
    let annotations = document
        .path(&path[..path.len() - 1])
        .and_then(|template| lookup(Some(template), &["metadata", "annotations"]));
    Some(Workload {
        kind: kind.to_string(),
        name: name.to_string(),
        namespace: str_field(document.get("metadata"), "namespace"),
        pod: pod_spec(spec, annotations),
    })
}

/// The node a path leads to, if any: `None` when a step is absent or null. An unknown step (or
/// one that is not a map) is returned itself: it could hold anything, so it decides as unknown.
fn lookup<'a>(node: Option<&'a Node>, path: &[&str]) -> Option<&'a Node> {
    let mut current = node.filter(|n| !n.is_null())?;
    for key in path {
        current = match &current.kind {
            NodeKind::Map(_) => field(Some(current), key)?,
            _ => return Some(current),
        };
    }
    Some(current)
}

/// The first level that sets a value decides; otherwise the default.
fn first_set<T>(levels: impl IntoIterator<Item = Option<Val<T>>>, default: Val<T>) -> Val<T> {
    levels.into_iter().flatten().next().unwrap_or(default)
}

/// A setting nobody wrote whose value the image decides: unknown, located at `at`.
fn decided_by_image<T>(at: Span) -> Val<T> {
    Val {
        value: Err("not set: the image decides".to_string()),
        origin: Origin {
            span: at,
            how: How::Default,
        },
    }
}

fn int_node(node: &Node) -> Val<i64> {
    Val::from_node(node, "an integer", |n| match &n.kind {
        NodeKind::Number(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => Some(*x as i64),
        NodeKind::Str(s) => s.trim().parse().ok(),
        _ => None,
    })
}

fn bool_at(node: Option<&Node>, path: &[&str]) -> Option<Val<bool>> {
    lookup(node, path).map(Val::from_bool_node)
}

fn str_at(node: Option<&Node>, path: &[&str]) -> Option<Val<String>> {
    lookup(node, path).map(Val::from_str_node)
}

/// A legacy annotation's value mapped to the field's profile type (`runtime/default` →
/// `RuntimeDefault`), keeping the annotation's span.
fn annotation_profile(annotations: Option<&Node>, key: &str) -> Option<Val<String>> {
    let val = lookup(annotations, &[key]).map(Val::from_str_node)?;
    Some(Val {
        value: val.value.map(|text| {
            match text.as_str() {
                "runtime/default" | "docker/default" => "RuntimeDefault",
                "unconfined" => "Unconfined",
                other if other.starts_with("localhost/") => "Localhost",
                other => other,
            }
            .to_string()
        }),
        origin: val.origin,
    })
}

fn pod_spec(spec: &Node, annotations: Option<&Node>) -> PodSpec {
    let mut containers = Vec::new();
    for (key, kind) in [
        ("containers", ContainerKind::Regular),
        ("initContainers", ContainerKind::Init),
        ("ephemeralContainers", ContainerKind::Ephemeral),
    ] {
        let items = field(Some(spec), key)
            .and_then(Node::as_seq)
            .unwrap_or_default();
        // An entry that is not a map (an unknown value) could be any container: skip it
        // rather than judge it by defaults.
        containers.extend(
            items
                .iter()
                .filter(|item| item.as_map().is_some())
                .map(|item| container(item, kind, spec, annotations)),
        );
    }
    let flag =
        |key: &str| bool_at(Some(spec), &[key]).unwrap_or_else(|| Val::default(false, spec.span));
    PodSpec {
        span: spec.span,
        containers,
        host_network: flag("hostNetwork"),
        host_pid: flag("hostPID"),
        host_ipc: flag("hostIPC"),
        volumes: volumes(spec),
        sysctls: list_items(lookup(Some(spec), &["securityContext", "sysctls"]))
            .iter()
            .filter_map(|item| str_at(Some(item), &["name"]))
            .collect(),
        windows: lookup(Some(spec), &["os", "name"]).and_then(Node::as_str) == Some("windows"),
    }
}

/// The items of a list; nothing for an absent or unknown one.
fn list_items(node: Option<&Node>) -> &[Node] {
    node.and_then(Node::as_seq).unwrap_or_default()
}

fn volumes(spec: &Node) -> Vec<Volume> {
    list_items(lookup(Some(spec), &["volumes"]))
        .iter()
        .filter_map(|item| {
            let source = item.as_map()?.iter().find(|entry| entry.key != "name")?;
            let host_path = if source.key == "hostPath" {
                str_at(Some(&source.value), &["path"])
            } else {
                None
            };
            Some(Volume {
                name: field(Some(item), "name")
                    .and_then(Node::as_str)
                    .unwrap_or("<unnamed>")
                    .to_string(),
                source: Val::known(source.key.clone(), source.key_span),
                host_path,
            })
        })
        .collect()
}

fn container(
    item: &Node,
    kind: ContainerKind,
    pod: &Node,
    annotations: Option<&Node>,
) -> Container {
    let name = field(Some(item), "name")
        .and_then(Node::as_str)
        .unwrap_or("<unnamed>")
        .to_string();
    let header = item
        .entry("name")
        .map_or(item.span, |entry| entry.key_span.to(entry.value.span));
    let argv = ["command", "args"]
        .iter()
        .flat_map(|key| list_items(lookup(Some(item), &[key])))
        .map(Val::from_str_node)
        .collect();
    let image = str_at(Some(item), &["image"]);
    let image_pull_policy = str_at(Some(item), &["imagePullPolicy"]).or_else(|| {
        let image = image.as_ref()?;
        Some(match image.get() {
            // Kubernetes' defaulting: images that may change are pulled every time.
            Some(text) => Val::default(
                if ImageRef::parse(text).is_latest() {
                    "Always"
                } else {
                    "IfNotPresent"
                }
                .to_string(),
                image.span(),
            ),
            None => decided_by_image(image.span()),
        })
    });
    Container {
        security: security(item, pod, annotations, &name, header),
        host_ports: list_items(lookup(Some(item), &["ports"]))
            .iter()
            .filter_map(|port| lookup(Some(port), &["hostPort"]).map(int_node))
            .collect(),
        env: env(item),
        env_from_secrets: list_items(lookup(Some(item), &["envFrom"]))
            .iter()
            .filter_map(|source| source.entry("secretRef").map(|entry| entry.key_span))
            .collect(),
        resources: Resources {
            limits_cpu: str_at(Some(item), &["resources", "limits", "cpu"]),
            limits_memory: str_at(Some(item), &["resources", "limits", "memory"]),
            requests_cpu: str_at(Some(item), &["resources", "requests", "cpu"]),
            requests_memory: str_at(Some(item), &["resources", "requests", "memory"]),
        },
        liveness_probe: probe(item, "livenessProbe"),
        readiness_probe: probe(item, "readinessProbe"),
        name,
        kind,
        span: item.span,
        header,
        image,
        image_pull_policy,
        argv,
    }
}

fn probe(item: &Node, key: &str) -> Option<Span> {
    item.entry(key)
        .filter(|entry| !entry.value.is_null())
        .map(|entry| entry.key_span)
}

fn env(item: &Node) -> Vec<EnvVar> {
    list_items(lookup(Some(item), &["env"]))
        .iter()
        .filter(|entry| entry.as_map().is_some())
        .map(|entry| EnvVar {
            name: str_at(Some(entry), &["name"])
                .unwrap_or_else(|| Val::unknown("no name", entry.span)),
            value: str_at(Some(entry), &["value"]),
            secret_ref: lookup(Some(entry), &["valueFrom"])
                .and_then(|from| from.entry("secretKeyRef"))
                .map(|key| key.key_span),
        })
        .collect()
}

/// The container's effective security settings.
fn security(
    item: &Node,
    pod: &Node,
    annotations: Option<&Node>,
    name: &str,
    header: Span,
) -> Security {
    let own = |path: &[&str]| {
        let mut full = vec!["securityContext"];
        full.extend_from_slice(path);
        lookup(Some(item), &full)
    };
    let pods = |path: &[&str]| {
        let mut full = vec!["securityContext"];
        full.extend_from_slice(path);
        lookup(Some(pod), &full)
    };
    let own_bool = |path: &[&str], default: bool| {
        own(path)
            .map(Val::from_bool_node)
            .unwrap_or_else(|| Val::default(default, header))
    };
    let either_bool = |path: &[&str], default: bool| {
        first_set(
            [own(path), pods(path)].map(|n| n.map(Val::from_bool_node)),
            Val::default(default, header),
        )
    };
    let capabilities = |key: &str| {
        own(&["capabilities", key])
            .map(Val::from_str_list_node)
            .unwrap_or_else(|| Val::default(Vec::new(), header))
    };
    let seccomp = first_set(
        [
            own(&["seccompProfile", "type"]).map(Val::from_str_node),
            annotation_profile(
                annotations,
                &format!("container.seccomp.security.alpha.kubernetes.io/{name}"),
            ),
            pods(&["seccompProfile", "type"]).map(Val::from_str_node),
            annotation_profile(annotations, "seccomp.security.alpha.kubernetes.io/pod"),
        ],
        Val::default("Unconfined".to_string(), header),
    );
    let app_armor = first_set(
        [
            own(&["appArmorProfile", "type"]).map(Val::from_str_node),
            annotation_profile(
                annotations,
                &format!("container.apparmor.security.beta.kubernetes.io/{name}"),
            ),
            pods(&["appArmorProfile", "type"]).map(Val::from_str_node),
        ],
        Val::default("RuntimeDefault".to_string(), header),
    );
    // The container's seLinuxOptions replace the pod's as a whole, not field by field.
    let se_linux = first_set(
        [own(&["seLinuxOptions"]), pods(&["seLinuxOptions"])].map(|n| n.map(se_linux_options)),
        Val::default(SeLinuxOptions::default(), header),
    );
    Security {
        privileged: own_bool(&["privileged"], false),
        allow_privilege_escalation: own_bool(&["allowPrivilegeEscalation"], true),
        run_as_non_root: either_bool(&["runAsNonRoot"], false),
        run_as_user: first_set(
            [own(&["runAsUser"]), pods(&["runAsUser"])].map(|n| n.map(int_node)),
            decided_by_image(header),
        ),
        read_only_root_filesystem: own_bool(&["readOnlyRootFilesystem"], false),
        capabilities_add: capabilities("add"),
        capabilities_drop: capabilities("drop"),
        proc_mount: own(&["procMount"])
            .map(Val::from_str_node)
            .unwrap_or_else(|| Val::default("Default".to_string(), header)),
        seccomp,
        app_armor,
        se_linux,
        // windowsOptions merge field by field, so each level is asked for the field itself.
        host_process: either_bool(&["windowsOptions", "hostProcess"], false),
    }
}

fn se_linux_options(node: &Node) -> Val<SeLinuxOptions> {
    Val::from_node(node, "a map", |n| {
        n.as_map()?;
        Some(SeLinuxOptions {
            user: str_at(Some(n), &["user"]),
            role: str_at(Some(n), &["role"]),
            type_: str_at(Some(n), &["type"]),
            level: str_at(Some(n), &["level"]),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::yaml;
    use crate::source::FileId;

    fn pod(text: &str) -> Workload {
        let documents = yaml::parse_stream(text, FileId(0)).unwrap();
        workload(&documents[0], "Pod", "p").unwrap()
    }

    #[test]
    fn container_settings_override_the_pod_and_defaults_fill_the_rest() {
        let workload = pod("kind: Pod
metadata:
  annotations:
    container.seccomp.security.alpha.kubernetes.io/b: unconfined
spec:
  securityContext: {runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}}
  containers:
    - name: a
      securityContext: {runAsNonRoot: false}
    - name: b
");
        let [a, b] = &workload.pod.containers[..] else {
            panic!("two containers");
        };
        assert!(a.security.run_as_non_root.is_false());
        assert!(!a.security.run_as_non_root.is_default());
        assert!(b.security.run_as_non_root.is_true());
        assert_eq!(a.security.run_as_user.get(), Some(&1000));
        assert_eq!(
            a.security.seccomp.get().map(String::as_str),
            Some("RuntimeDefault")
        );
        // The container annotation wins over the pod field.
        assert_eq!(
            b.security.seccomp.get().map(String::as_str),
            Some("Unconfined")
        );
        assert!(a.security.allow_privilege_escalation.is_true());
        assert!(a.security.allow_privilege_escalation.is_default());
        assert_eq!(a.image_pull_policy, None);
    }

    /// Replaces every `UNKNOWN` string by an unknown value, as a Helm expression or a
    /// Terraform value computed at apply time would be.
    fn unknowns(node: &mut Node) {
        match &mut node.kind {
            NodeKind::Str(s) if s == "UNKNOWN" => *node = Node::unknown(node.span, "computed"),
            NodeKind::Seq(items) => items.iter_mut().for_each(unknowns),
            NodeKind::Map(entries) => entries.iter_mut().for_each(|e| unknowns(&mut e.value)),
            _ => {}
        }
    }

    #[test]
    fn unknown_levels_decide_as_unknown() {
        let text = "kind: Pod
spec:
  securityContext: {runAsNonRoot: true}
  containers:
    - name: a
      image: web
      securityContext: UNKNOWN
    - UNKNOWN
";
        let mut document = yaml::parse_stream(text, FileId(0)).unwrap().remove(0);
        unknowns(&mut document);
        let workload = workload(&document, "Pod", "p").unwrap();
        // The unknown container entry is skipped, not judged by defaults.
        assert_eq!(workload.pod.containers.len(), 1);
        let container = &workload.pod.containers[0];
        assert!(container.security.run_as_non_root.get().is_none());
        assert!(container.security.privileged.get().is_none());
        assert!(container.security.seccomp.get().is_none());
        assert_eq!(
            container
                .image_pull_policy
                .as_ref()
                .and_then(Val::get)
                .map(String::as_str),
            Some("Always")
        );
    }
}

//! Terraform `kubernetes_*` resources, read through the Kubernetes adapter.
//!
//! The Kubernetes provider mirrors the API objects with Terraform spellings: snake_case
//! attributes, a `metadata { }` block, repeated singular blocks for lists (`container { }` for
//! `containers:`), `storage_provisioner` for `provisioner`. [`translate`] rewrites an evaluated
//! (and [normalized](super::typed::normalize)) body into the manifest the provider would send,
//! keeping every node's span, and the typed view comes from the same code that reads YAML
//! manifests ([`crate::adapt::kubernetes::typed`]). Every Kubernetes rule therefore works on
//! `kubernetes_deployment` and friends unchanged, and its findings point at the `.tf` lines.
//!
//! The mapping lives in three tables below: [`TYPES`] (resource type to `apiVersion`/`kind`),
//! [`FIELDS`] (names that are not the plain camelCase of the Terraform name, and blocks that
//! become lists) and [`VERBATIM`] (maps of user data whose keys are never renamed). Every other
//! name is converted snake_case to camelCase (`run_as_non_root` to `runAsNonRoot`).
//!
//! Exceptions worth knowing:
//! - `kubernetes_secret`'s `data` holds plain text (the provider base64-encodes it), so it
//!   becomes the manifest's `stringData`; `binary_data`, already base64, becomes `data`. A
//!   value that is unknown before apply (`random_password.db.result`, a variable without a
//!   default) is not committed to the repository, so its key is left out.
//! - `kubernetes_manifest` already holds a manifest in its `manifest` attribute; it is read
//!   as is.
//! - A name in [`FIELDS`] marked as a list becomes a list only when it is written as a block (a
//!   map): `port = 8080` inside `http_get` stays a number, `port { }` in a Service becomes
//!   `ports:`. Any other block written more than once also becomes a list. A few names depend
//!   on the block they are in ([`WITHIN`]): an Ingress backend's `service { port { } }` keeps
//!   one `port`.
//! - The provider writes `automount_service_account_token = true` into every pod spec that
//!   does not set it (its schema default, sent to the API server), and a pod's setting
//!   overrides its ServiceAccount's: the manifest gets that `true`, traced to the provider.

use crate::adapt::kubernetes::typed;
use crate::adapt::read::str_value;
use crate::model::Kind;
use crate::parse::{Entry, Node, NodeKind, Via};
use crate::source::Span;

/// Resource type (without `kubernetes_` and a `_v1`/`_v2` suffix) to `apiVersion` and `kind`.
const TYPES: &[(&str, &str, &str)] = &[
    (
        "cluster_role",
        "rbac.authorization.k8s.io/v1",
        "ClusterRole",
    ),
    (
        "cluster_role_binding",
        "rbac.authorization.k8s.io/v1",
        "ClusterRoleBinding",
    ),
    ("config_map", "v1", "ConfigMap"),
    ("cron_job", "batch/v1", "CronJob"),
    ("daemon_set", "apps/v1", "DaemonSet"),
    ("daemonset", "apps/v1", "DaemonSet"),
    ("deployment", "apps/v1", "Deployment"),
    ("ingress", "networking.k8s.io/v1", "Ingress"),
    ("job", "batch/v1", "Job"),
    ("namespace", "v1", "Namespace"),
    ("network_policy", "networking.k8s.io/v1", "NetworkPolicy"),
    ("persistent_volume_claim", "v1", "PersistentVolumeClaim"),
    ("pod", "v1", "Pod"),
    ("replication_controller", "v1", "ReplicationController"),
    ("role", "rbac.authorization.k8s.io/v1", "Role"),
    (
        "role_binding",
        "rbac.authorization.k8s.io/v1",
        "RoleBinding",
    ),
    ("secret", "v1", "Secret"),
    ("service", "v1", "Service"),
    ("service_account", "v1", "ServiceAccount"),
    ("stateful_set", "apps/v1", "StatefulSet"),
    ("storage_class", "storage.k8s.io/v1", "StorageClass"),
];

/// Whether a Terraform block becomes a list in the manifest.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    List,
    Single,
}

/// Terraform name to Kubernetes name where the latter is not the camelCase of the former, and
/// blocks that repeat into a list.
const FIELDS: &[(&str, &str, Shape)] = &[
    ("allowed_topologies", "allowedTopologies", Shape::List),
    ("ceph_fs", "cephfs", Shape::Single),
    ("cluster_ip", "clusterIP", Shape::Single),
    ("cluster_ips", "clusterIPs", Shape::Single),
    ("container", "containers", Shape::List),
    ("downward_api", "downwardAPI", Shape::Single),
    ("egress", "egress", Shape::List),
    ("env", "env", Shape::List),
    ("env_from", "envFrom", Shape::List),
    ("ephemeral_container", "ephemeralContainers", Shape::List),
    ("external_ips", "externalIPs", Shape::Single),
    ("from", "from", Shape::List),
    ("host_aliases", "hostAliases", Shape::List),
    ("host_ip", "hostIP", Shape::Single),
    ("host_ipc", "hostIPC", Shape::Single),
    ("host_pid", "hostPID", Shape::Single),
    ("http_header", "httpHeaders", Shape::List),
    ("image_pull_secret", "imagePullSecrets", Shape::List),
    ("image_pull_secrets", "imagePullSecrets", Shape::List),
    ("ingress", "ingress", Shape::List),
    ("init_container", "initContainers", Shape::List),
    ("items", "items", Shape::List),
    ("load_balancer_ip", "loadBalancerIP", Shape::Single),
    ("match_expressions", "matchExpressions", Shape::List),
    (
        "match_label_expressions",
        "matchLabelExpressions",
        Shape::List,
    ),
    ("node_selector_term", "nodeSelectorTerms", Shape::List),
    ("non_resource_urls", "nonResourceURLs", Shape::Single),
    ("option", "options", Shape::List),
    ("path", "paths", Shape::List),
    ("port", "ports", Shape::List),
    ("ports", "ports", Shape::List),
    ("readiness_gate", "readinessGates", Shape::List),
    ("rule", "rules", Shape::List),
    ("run_as_username", "runAsUserName", Shape::Single),
    ("se_linux_options", "seLinuxOptions", Shape::Single),
    ("sources", "sources", Shape::List),
    ("storage_provisioner", "provisioner", Shape::Single),
    ("subject", "subjects", Shape::List),
    ("sysctl", "sysctls", Shape::List),
    ("tls", "tls", Shape::List),
    ("to", "to", Shape::List),
    ("toleration", "tolerations", Shape::List),
    (
        "topology_spread_constraint",
        "topologySpreadConstraints",
        Shape::List,
    ),
    ("volume", "volumes", Shape::List),
    ("volume_claim_template", "volumeClaimTemplates", Shape::List),
    ("volume_device", "volumeDevices", Shape::List),
    ("volume_mount", "volumeMounts", Shape::List),
];

/// Names whose Kubernetes spelling depends on the block they are in (block name, or empty for
/// the top of the resource), consulted before [`FIELDS`]: an Ingress backend's `service` has
/// one `port`, a ServiceAccount's `secret` blocks are its `secrets` (a volume's `secret` is one).
const WITHIN: &[(&str, &str, &str, Shape)] = &[
    ("", "secret", "secrets", Shape::List),
    ("service", "port", "port", Shape::Single),
];

/// Maps of user data: their keys are label names, parameters, file names, never renamed.
const VERBATIM: &[&str] = &[
    "annotations",
    "binary_data",
    "capacity",
    "data",
    "labels",
    "limits",
    "match_labels",
    "node_selector",
    "parameters",
    "requests",
    "selector",
    "string_data",
];

/// Terraform meta-arguments and provider-only settings, not part of the object.
const NOT_IN_MANIFEST: &[&str] = &[
    "count",
    "depends_on",
    "for_each",
    "lifecycle",
    "provider",
    "timeouts",
    "wait_for_completion",
    "wait_for_load_balancer",
    "wait_for_rollout",
    "wait_for_service_account_token",
];

/// The typed view of a `kubernetes_*` resource of `type_name` with evaluated `body`, and the
/// manifest it was read from.
pub fn kind(type_name: &str, body: &Node, header: Span) -> (Kind, Option<Node>) {
    let Some(manifest) = translate(type_name, body, header) else {
        return (Kind::Other, None);
    };
    let kind = match str_value(Some(&manifest), "kind") {
        Some(kind_name) => {
            let name = str_value(manifest.get("metadata"), "name").unwrap_or("<unnamed>");
            typed(&manifest, kind_name, name, header)
        }
        None => Kind::Other,
    };
    (kind, Some(manifest))
}

/// The manifest a `kubernetes_*` resource describes, spanned at the Terraform source; `None`
/// for types that do not map to one object.
pub fn translate(type_name: &str, body: &Node, header: Span) -> Option<Node> {
    let short = type_name.strip_prefix("kubernetes_")?;
    if short == "manifest" {
        return body
            .get("manifest")
            .filter(|m| m.as_map().is_some())
            .cloned();
    }
    let short = short
        .strip_suffix("_v1")
        .or_else(|| short.strip_suffix("_v2"))
        .unwrap_or(short);
    let (_, api_version, kind_name) = TYPES.iter().find(|(name, _, _)| *name == short)?;
    let text = |value: &str| Node::new(header, NodeKind::Str(value.to_string()));
    let mut entries = vec![
        Entry {
            key: "apiVersion".to_string(),
            key_span: header,
            value: text(api_version),
        },
        Entry {
            key: "kind".to_string(),
            key_span: header,
            value: text(kind_name),
        },
    ];
    let top: Vec<Entry> = body
        .as_map()
        .unwrap_or_default()
        .iter()
        .filter(|entry| !NOT_IN_MANIFEST.contains(&entry.key.as_str()))
        .cloned()
        .collect();
    let converted = convert_map(&Node::new(body.span, NodeKind::Map(top)), "");
    for mut entry in converted.as_map().unwrap_or_default().iter().cloned() {
        if *kind_name == "Secret" {
            entry = secret_section(entry);
        }
        entries.push(entry);
    }
    let mut manifest = Node::new(body.span, NodeKind::Map(entries));
    automount_default(&mut manifest, kind_name, header);
    Some(manifest)
}

/// Where a workload kind keeps its pod spec.
fn pod_spec_path(kind_name: &str) -> Option<&'static [&'static str]> {
    Some(match kind_name {
        "Pod" => &["spec"],
        "CronJob" => &["spec", "jobTemplate", "spec", "template", "spec"],
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicationController" | "Job" => {
            &["spec", "template", "spec"]
        }
        _ => return None,
    })
}

/// The provider's schema defaults a pod spec's `automount_service_account_token` to `true` and
/// always sends it, so a pod created by Terraform mounts its token even when its ServiceAccount
/// disables automounting (the pod's setting wins). An unset value therefore becomes an explicit
/// `true` at the pod spec's `spec` keyword, traced to the resource header.
fn automount_default(manifest: &mut Node, kind_name: &str, header: Span) {
    let Some((last, parents)) = pod_spec_path(kind_name).and_then(<[_]>::split_last) else {
        return;
    };
    let mut node = manifest;
    for key in parents {
        match entry_mut(node, key) {
            Some(entry) => node = &mut entry.value,
            None => return,
        }
    }
    let Some(spec) = entry_mut(node, last) else {
        return;
    };
    let at = spec.key_span;
    let NodeKind::Map(fields) = &mut spec.value.kind else {
        return;
    };
    if fields
        .iter()
        .any(|field| field.key == "automountServiceAccountToken")
    {
        return;
    }
    fields.push(Entry {
        key: "automountServiceAccountToken".to_string(),
        key_span: at,
        value: Node {
            span: at,
            kind: NodeKind::Bool(true),
            via: vec![Via {
                span: header,
                note: "the value comes from the Kubernetes provider: a pod spec without \
                       `automount_service_account_token = false` gets `true`, which overrides \
                       the ServiceAccount's setting"
                    .to_string(),
            }],
        },
    });
}

/// The last entry named `key` of a map, for changing it.
fn entry_mut<'a>(node: &'a mut Node, key: &str) -> Option<&'a mut Entry> {
    match &mut node.kind {
        NodeKind::Map(entries) => entries.iter_mut().rev().find(|entry| entry.key == key),
        _ => None,
    }
}

/// A Secret's `data` (plain text in Terraform) is the manifest's `stringData`, `binaryData`
/// its `data`. Values unknown before apply are not in the repository, so they are left out.
fn secret_section(mut entry: Entry) -> Entry {
    entry.key = match entry.key.as_str() {
        "data" => "stringData".to_string(),
        "binaryData" => "data".to_string(),
        _ => return entry,
    };
    if let NodeKind::Map(values) = &mut entry.value.kind {
        values.retain(|value| !value.value.is_unknown());
    }
    entry
}

/// A block body (map) in Kubernetes spelling: entries grouped by name, in first-seen order.
/// `parent` is the Terraform name of the block (empty at the top of the resource).
fn convert_map(node: &Node, parent: &str) -> Node {
    let Some(entries) = node.as_map() else {
        return node.clone();
    };
    let mut groups: Vec<(&str, Vec<&Entry>)> = Vec::new();
    for entry in entries {
        match groups.iter_mut().find(|(key, _)| *key == entry.key) {
            Some((_, group)) => group.push(entry),
            None => groups.push((&entry.key, vec![entry])),
        }
    }
    let mut out = Vec::with_capacity(groups.len());
    for (key, group) in groups {
        let first = group[0];
        let last = group[group.len() - 1];
        let is_block = first.value.as_map().is_some();
        let field = WITHIN
            .iter()
            .find(|(within, name, _, _)| *within == parent && *name == key)
            .map(|(_, name, renamed, shape)| (*name, *renamed, *shape))
            .or_else(|| FIELDS.iter().find(|(name, _, _)| *name == key).copied());
        let name = match field {
            Some((_, renamed, shape)) if is_block || shape == Shape::Single => renamed.to_string(),
            _ => camel(key),
        };
        let value = if is_verbatim(key, &first.value) {
            last.value.clone()
        } else {
            let as_list = is_block
                && (group.len() > 1 || field.is_some_and(|(_, _, shape)| shape == Shape::List));
            if as_list {
                let items = group.iter().map(|e| convert_value(&e.value, key)).collect();
                Node::new(first.value.span.to(last.value.span), NodeKind::Seq(items))
            } else {
                convert_value(&last.value, key)
            }
        };
        out.push(Entry {
            key: name,
            key_span: first.key_span,
            value,
        });
    }
    Node {
        span: node.span,
        kind: NodeKind::Map(out),
        via: node.via.clone(),
    }
}

fn convert_value(node: &Node, name: &str) -> Node {
    match &node.kind {
        NodeKind::Map(_) => convert_map(node, name),
        NodeKind::Seq(items) => Node {
            span: node.span,
            kind: NodeKind::Seq(items.iter().map(|item| convert_value(item, name)).collect()),
            via: node.via.clone(),
        },
        _ => node.clone(),
    }
}

/// User-data maps keep their keys. `selector` is a plain map on a Service but a block with
/// `match_labels` on a Deployment.
fn is_verbatim(key: &str, value: &Node) -> bool {
    VERBATIM.contains(&key)
        && !(key == "selector"
            && (value.get("match_labels").is_some() || value.get("match_expressions").is_some()))
}

/// `run_as_non_root` to `runAsNonRoot`.
fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn manifest(type_name: &str, text: &str) -> Node {
        let body =
            super::super::typed::normalize(crate::parse::json::parse(text, FileId(0)).unwrap());
        translate(type_name, &body, body.span).unwrap()
    }

    #[test]
    fn names_that_are_not_plain_camel_case() {
        let pod = manifest(
            "kubernetes_pod_v1",
            r#"{"metadata": {"name": "p"}, "spec": {
                 "security_context": {"windows_options": {"host_process": true, "run_as_username": "x"}},
                 "container": {"name": "a"},
                 "volume": [{"name": "info", "downward_api": {"items": {"path": "labels"}}},
                            {"name": "fs", "ceph_fs": {"monitors": ["10.0.0.1"]}}]}}"#,
        );
        let windows = pod
            .path(&["spec", "securityContext", "windowsOptions"])
            .unwrap();
        assert!(windows.get("hostProcess").is_some());
        assert!(windows.get("runAsUserName").is_some());
        let volumes = pod
            .path(&["spec", "volumes"])
            .and_then(Node::as_seq)
            .unwrap();
        assert!(volumes[0]
            .path(&["downwardAPI", "items"])
            .unwrap()
            .as_seq()
            .is_some());
        assert!(volumes[1].get("cephfs").is_some());

        let role = manifest(
            "kubernetes_cluster_role_v1",
            r#"{"metadata": {"name": "r"}, "rule": [{"non_resource_urls": ["/healthz"], "verbs": ["get"]},
                                                   {"api_groups": [""], "resources": ["pods"], "verbs": ["get"]}]}"#,
        );
        let rules = role.get("rules").and_then(Node::as_seq).unwrap();
        assert!(rules[0].get("nonResourceURLs").is_some());
        assert!(rules[1].get("apiGroups").is_some());

        let class = manifest(
            "kubernetes_storage_class_v1",
            r#"{"metadata": {"name": "gp3"}, "storage_provisioner": "ebs.csi.aws.com",
                 "allowed_topologies": {"match_label_expressions": {"key": "topology.kubernetes.io/zone",
                                                                    "values": ["eu-west-1a"]}}}"#,
        );
        let terms = class
            .get("allowedTopologies")
            .and_then(Node::as_seq)
            .unwrap();
        let expressions = terms[0].get("matchLabelExpressions").and_then(Node::as_seq);
        assert_eq!(expressions.map(<[_]>::len), Some(1));
    }

    #[test]
    fn names_that_depend_on_their_block() {
        let ingress = manifest(
            "kubernetes_ingress_v1",
            r#"{"metadata": {"name": "web"}, "spec": {"rule": {"http": {"path": {"path": "/",
                 "backend": {"service": {"name": "web", "port": {"number": 80}}}}}}}}"#,
        );
        let path = &ingress
            .path(&["spec", "rules"])
            .and_then(Node::as_seq)
            .unwrap()[0];
        let path = &path
            .path(&["http", "paths"])
            .and_then(Node::as_seq)
            .unwrap()[0];
        let port = path.path(&["backend", "service", "port", "number"]);
        assert_eq!(port.and_then(Node::as_f64), Some(80.0));

        let account = manifest(
            "kubernetes_service_account_v1",
            r#"{"metadata": {"name": "web"}, "secret": {"name": "web-token"}}"#,
        );
        let secrets = account.get("secrets").and_then(Node::as_seq).unwrap();
        assert_eq!(str_value(Some(&secrets[0]), "name"), Some("web-token"));
        // A volume's `secret` stays one block.
        let pod = manifest(
            "kubernetes_pod_v1",
            r#"{"metadata": {"name": "p"}, "spec": {"container": {"name": "a"},
                 "volume": {"name": "db", "secret": {"secret_name": "db"}}}}"#,
        );
        let volume = &pod
            .path(&["spec", "volumes"])
            .and_then(Node::as_seq)
            .unwrap()[0];
        assert_eq!(str_value(volume.get("secret"), "secretName"), Some("db"));
    }

    #[test]
    fn pod_specs_get_the_providers_automount_default() {
        let text = r#"{"metadata": {"name": "web"},
          "spec": {"template": {"metadata": {}, "spec": {"container": {"name": "a"}}}}}"#;
        let deployment = manifest("kubernetes_deployment_v1", text);
        let automount = deployment
            .path(&["spec", "template", "spec", "automountServiceAccountToken"])
            .unwrap();
        assert_eq!(automount.as_bool(), Some(true));
        assert_eq!(automount.via.len(), 1);
        // The pod spec's `spec` keyword, where the setting would be written.
        assert_eq!(&text[automount.span.range()], r#""spec""#);

        let cron = manifest(
            "kubernetes_cron_job_v1",
            r#"{"metadata": {"name": "c"}, "spec": {"job_template": {"metadata": {}, "spec": {"template": {
                 "metadata": {}, "spec": {"automount_service_account_token": false, "container": {"name": "a"}}}}}}}"#,
        );
        let automount = cron
            .path(&[
                "spec",
                "jobTemplate",
                "spec",
                "template",
                "spec",
                "automountServiceAccountToken",
            ])
            .unwrap();
        assert_eq!(automount.as_bool(), Some(false));
        assert!(automount.via.is_empty());

        // Objects without a pod spec get nothing.
        let account = manifest(
            "kubernetes_service_account_v1",
            r#"{"metadata": {"name": "web"}}"#,
        );
        assert!(account.get("automountServiceAccountToken").is_none());
    }

    #[test]
    fn snake_case_becomes_camel_case() {
        assert_eq!(camel("run_as_non_root"), "runAsNonRoot");
        assert_eq!(camel("privileged"), "privileged");
        assert_eq!(camel("_x"), "x");
    }

    #[test]
    fn blocks_become_lists_and_user_maps_keep_their_keys() {
        let text = r#"{
          "metadata": {"name": "web", "labels": {"app_name": "web"}},
          "spec": {"selector": {"match_labels": {"app_name": "web"}},
                   "template": {"spec": {"container": {"name": "a", "security_context": {"privileged": true},
                                                        "liveness_probe": {"http_get": {"port": 8080}}},
                                         "host_pid": true}}}
        }"#;
        let body =
            super::super::typed::normalize(crate::parse::json::parse(text, FileId(0)).unwrap());
        let manifest = translate("kubernetes_deployment_v1", &body, body.span).unwrap();
        assert_eq!(str_value(Some(&manifest), "kind"), Some("Deployment"));
        assert!(manifest.path(&["metadata", "labels", "app_name"]).is_some());
        assert!(manifest
            .path(&["spec", "selector", "matchLabels", "app_name"])
            .is_some());
        let pod = manifest.path(&["spec", "template", "spec"]).unwrap();
        assert_eq!(pod.get("hostPID").and_then(Node::as_bool), Some(true));
        let container = &pod.get("containers").unwrap().as_seq().unwrap()[0];
        let privileged = container.path(&["securityContext", "privileged"]).unwrap();
        assert_eq!(&text[privileged.span.range()], "true");
        assert!(container
            .path(&["livenessProbe", "httpGet", "port"])
            .and_then(Node::as_f64)
            .is_some());
    }
}

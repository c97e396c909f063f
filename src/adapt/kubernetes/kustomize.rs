//! Kustomize: `kustomization.yaml` files are read for what they say about the other files.
//!
//! A kustomization is instructions, not an object: it is recognised and never reported as
//! unknown YAML or turned into a resource. What it lists matters to the scan:
//!
//! - Patch files (`patchesStrategicMerge`, `patches`, `patchesJson6902`) are fragments that
//!   kustomize merges into complete objects. Scanned alone, a patch of a Deployment looks like a
//!   Deployment without most of its settings, so they are not adapted; a note says how to scan
//!   the merged result (`kubectl kustomize DIR | iacguard scan -`).
//! - `resources` (and the older `bases`) outside the scanned paths, or remote, are noted: their
//!   objects are missing from the cluster view.
//! - `namespace` is applied to the namespaced objects the kustomization includes (through its
//!   bases too), so a base that leaves the namespace to its overlay is not taken to be in
//!   `default`. A file that kustomizations with different namespaces include (a base built by
//!   a `prod` and a `staging` overlay) gets an unknown namespace: it depends on the build.

use std::collections::{BTreeMap, BTreeSet};

use crate::adapt::read::str_value;
use crate::notice::{Notice, NoticeLevel};
use crate::parse::{yaml, Entry, Node, NodeKind, Via};
use crate::source::{FileId, Sources, Span};

const FILE_NAMES: [&str; 3] = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/// Whether a document is a kustomize `Kustomization` or `Component`.
pub fn is_kustomization(api_version: &str, kind: &str) -> bool {
    api_version.starts_with("kustomize.config.k8s.io/")
        && matches!(kind, "Kustomization" | "Component")
}

/// What the kustomizations of a scan say about its other files.
#[derive(Debug, Default)]
pub struct Layout {
    /// The kustomization files themselves: recognised, produce no resources.
    pub kustomizations: BTreeSet<FileId>,
    /// Patch files, not adapted on their own.
    pub patches: BTreeSet<FileId>,
    /// The namespace a kustomization gives the objects of a file: the `namespace:` value, or an
    /// unknown node when kustomizations disagree.
    pub namespaces: BTreeMap<FileId, Node>,
    pub notices: Vec<Notice>,
}

/// One parsed kustomization.
struct Kustomization {
    id: FileId,
    namespace: Option<Node>,
    /// Local `resources`/`bases`/`components` entries, resolved against `folder`.
    resources: Vec<String>,
}

pub fn layout(sources: &Sources) -> Layout {
    let mut layout = Layout::default();
    let displays: BTreeMap<&str, FileId> = sources
        .ids()
        .map(|id| (sources.get(id).display.as_str(), id))
        .collect();
    let mut kustomizations: BTreeMap<String, Kustomization> = BTreeMap::new();
    for id in sources.ids() {
        let file = sources.get(id);
        let (folder, name) = split(&file.display);
        if !FILE_NAMES.contains(&name) {
            continue;
        }
        // A kustomization that does not parse is left to the ordinary YAML path, which
        // reports it.
        let Ok(documents) = yaml::parse_stream(&file.text, id) else {
            continue;
        };
        let Some(document) = documents.into_iter().next() else {
            continue;
        };
        layout.kustomizations.insert(id);
        let kustomization = read(id, folder, &document, &file.display, &displays, &mut layout);
        kustomizations.insert(folder.to_string(), kustomization);
    }
    layout.namespaces = namespaces(&kustomizations, &displays);
    layout
}

fn read(
    id: FileId,
    folder: &str,
    document: &Node,
    display: &str,
    displays: &BTreeMap<&str, FileId>,
    layout: &mut Layout,
) -> Kustomization {
    let mut resources = Vec::new();
    for key in ["resources", "bases", "components"] {
        for entry in strings(document.get(key)) {
            let (text, span) = entry;
            if is_remote(text) {
                layout.notices.push(Notice::at(
                    NoticeLevel::Note,
                    span,
                    display,
                    format!("remote kustomize resource `{text}` is not fetched, so its objects are not scanned"),
                ));
                continue;
            }
            let path = resolve(folder, text);
            let prefix = format!("{path}/");
            let scanned = displays.contains_key(path.as_str())
                || displays
                    .range::<str, _>((
                        std::ops::Bound::Included(prefix.as_str()),
                        std::ops::Bound::Unbounded,
                    ))
                    .next()
                    .is_some_and(|(other, _)| other.starts_with(&prefix));
            if !scanned {
                layout.notices.push(Notice::at(
                    NoticeLevel::Note,
                    span,
                    display,
                    format!(
                        "kustomize resource `{text}` is outside the scanned paths, so its objects are \
                         not scanned; scan it too, or scan the build: `kubectl kustomize {} | iacguard scan -`",
                        shown(folder)
                    ),
                ));
            }
            resources.push(path);
        }
    }
    let mut patches = Vec::new();
    for entry in strings(document.get("patchesStrategicMerge")) {
        // An entry with a newline is an inline patch, not a file name.
        if !entry.0.contains('\n') {
            patches.push(entry);
        }
    }
    for key in ["patches", "patchesJson6902"] {
        let items = document.get(key).and_then(Node::as_seq).unwrap_or_default();
        for item in items {
            if let Some(path) = item.get("path") {
                if let Some(text) = path.as_str() {
                    patches.push((text, path.span));
                }
            }
        }
    }
    let patch_files: Vec<FileId> = patches
        .iter()
        .filter_map(|(text, _)| displays.get(resolve(folder, text).as_str()).copied())
        .collect();
    if !patch_files.is_empty() {
        let count = patch_files.len();
        layout.notices.push(Notice::file(
            NoticeLevel::Note,
            Some(id),
            display,
            format!(
                "{count} kustomize patch file{} not scanned on {} own (patches are partial objects); \
                 scan the build: `kubectl kustomize {} | iacguard scan -`",
                if count == 1 { "" } else { "s" },
                if count == 1 { "its" } else { "their" },
                shown(folder)
            ),
        ));
        layout.patches.extend(patch_files);
    }
    let namespace = document
        .get("namespace")
        .filter(|node| node.as_str().is_some_and(|s| !s.is_empty()))
        .cloned();
    Kustomization {
        id,
        namespace,
        resources,
    }
}

/// The strings of a list, with their spans.
fn strings(node: Option<&Node>) -> Vec<(&str, Span)> {
    node.and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(|item| item.as_str().map(|text| (text, item.span)))
        .collect()
}

fn is_remote(entry: &str) -> bool {
    entry.contains("://")
        || entry.starts_with("github.com/")
        || entry.starts_with("git@")
        || entry.contains("?ref=")
}

/// Which namespace each file's objects get from the kustomizations including it.
fn namespaces(
    kustomizations: &BTreeMap<String, Kustomization>,
    displays: &BTreeMap<&str, FileId>,
) -> BTreeMap<FileId, Node> {
    let mut candidates: BTreeMap<FileId, Vec<&Node>> = BTreeMap::new();
    for kustomization in kustomizations.values() {
        let Some(namespace) = &kustomization.namespace else {
            continue;
        };
        let mut files = BTreeSet::new();
        let mut visited = BTreeSet::new();
        included_files(
            kustomization,
            kustomizations,
            displays,
            &mut visited,
            &mut files,
        );
        for file in files {
            candidates.entry(file).or_default().push(namespace);
        }
    }
    // A base may be built through several overlays (or on its own): one namespace only when
    // every kustomization that names one agrees.
    candidates
        .into_iter()
        .map(|(file, nodes)| {
            let first = nodes[0];
            let agree = nodes.iter().all(|node| node.as_str() == first.as_str());
            let node = if agree {
                first.clone()
            } else {
                Node::new(
                    first.span,
                    NodeKind::Unknown(
                        "kustomizations including this file set different namespaces".to_string(),
                    ),
                )
            };
            (file, node)
        })
        .collect()
}

/// The files a kustomization includes, directly or through the kustomizations it lists.
fn included_files(
    kustomization: &Kustomization,
    kustomizations: &BTreeMap<String, Kustomization>,
    displays: &BTreeMap<&str, FileId>,
    visited: &mut BTreeSet<FileId>,
    files: &mut BTreeSet<FileId>,
) {
    if !visited.insert(kustomization.id) {
        return;
    }
    for path in &kustomization.resources {
        if let Some(id) = displays.get(path.as_str()) {
            files.insert(*id);
        } else if let Some(inner) = kustomizations.get(path.as_str()) {
            included_files(inner, kustomizations, displays, visited, files);
        }
    }
}

/// Kinds kustomize does not give a namespace to, because they have none.
const CLUSTER_SCOPED: [&str; 12] = [
    "Namespace",
    "ClusterRole",
    "ClusterRoleBinding",
    "StorageClass",
    "PersistentVolume",
    "CustomResourceDefinition",
    "PriorityClass",
    "IngressClass",
    "RuntimeClass",
    "ValidatingWebhookConfiguration",
    "MutatingWebhookConfiguration",
    "APIService",
];

/// Sets `metadata.namespace` of a namespaced object (and of a list's items) to what its
/// kustomization says, replacing any namespace written in the file, as kustomize does. The value
/// is placed at the object's `metadata` and remembers the kustomization line it came from, so a
/// finding about it points at the object and shows the kustomization as a related location.
pub fn set_namespace(document: &mut Node, namespace: &Node) {
    set_namespace_of(document, namespace, None);
}

fn set_namespace_of(document: &mut Node, namespace: &Node, implied_kind: Option<&str>) {
    let kind = str_value(Some(document), "kind")
        .or(implied_kind)
        .unwrap_or_default()
        .to_string();
    if let Some(item_kind) = kind.strip_suffix("List") {
        let item_kind = (!item_kind.is_empty()).then_some(item_kind);
        if let Some(NodeKind::Seq(items)) = document_items(document) {
            for item in items {
                set_namespace_of(item, namespace, item_kind);
            }
        }
        return;
    }
    if kind.is_empty() || CLUSTER_SCOPED.contains(&kind.as_str()) {
        return;
    }
    let NodeKind::Map(entries) = &mut document.kind else {
        return;
    };
    let Some(metadata) = entries
        .iter_mut()
        .rev()
        .find(|entry| entry.key == "metadata")
    else {
        return;
    };
    let at = metadata.key_span;
    let NodeKind::Map(fields) = &mut metadata.value.kind else {
        return;
    };
    let value = Node {
        span: at,
        kind: namespace.kind.clone(),
        via: vec![Via {
            span: namespace.span,
            note: "the namespace is set by this kustomization".to_string(),
        }],
    };
    match fields
        .iter_mut()
        .rev()
        .find(|entry| entry.key == "namespace")
    {
        Some(entry) => entry.value = value,
        None => fields.push(Entry {
            key: "namespace".to_string(),
            key_span: at,
            value,
        }),
    }
}

fn document_items(document: &mut Node) -> Option<&mut NodeKind> {
    let NodeKind::Map(entries) = &mut document.kind else {
        return None;
    };
    entries
        .iter_mut()
        .rev()
        .find(|entry| entry.key == "items")
        .map(|entry| &mut entry.value.kind)
}

/// A display path's folder and file name.
fn split(display: &str) -> (&str, &str) {
    display.rsplit_once('/').unwrap_or(("", display))
}

fn shown(folder: &str) -> &str {
    if folder.is_empty() {
        "."
    } else {
        folder
    }
}

/// `entry` relative to `folder`, with `.` and `..` resolved lexically; a trailing `/` dropped.
fn resolve(folder: &str, entry: &str) -> String {
    let mut parts: Vec<&str> = if entry.starts_with('/') {
        vec![""]
    } else {
        folder.split('/').filter(|p| !p.is_empty()).collect()
    };
    if folder.starts_with('/') && !entry.starts_with('/') {
        parts.insert(0, "");
    }
    for part in entry.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." && !last.is_empty() => {
                    parts.pop();
                }
                _ => parts.push(".."),
            },
            part => parts.push(part),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(files: &[(&str, &str)]) -> Sources {
        Sources::from_texts(files)
    }

    #[test]
    fn paths_resolve_lexically() {
        assert_eq!(resolve("overlays/prod", "../../base"), "base");
        assert_eq!(
            resolve("overlays/prod", "./patch.yaml"),
            "overlays/prod/patch.yaml"
        );
        assert_eq!(resolve("", "../x"), "../x");
        assert_eq!(resolve("a", "../../x"), "../x");
        assert_eq!(resolve("/abs/k", "../b/"), "/abs/b");
    }

    #[test]
    fn patches_are_skipped_and_outside_resources_noted() {
        let sources = sources(&[
            ("app/deploy.yaml", "kind: Deployment\n"),
            (
                "app/kustomization.yaml",
                "resources:\n- deploy.yaml\n- ../../elsewhere\n- https://example.com/x.yaml\npatchesStrategicMerge:\n- patch.yaml\npatches:\n- path: patch2.yaml\n",
            ),
            ("app/patch.yaml", "kind: Deployment\n"),
            ("app/patch2.yaml", "kind: Deployment\n"),
        ]);
        let layout = layout(&sources);
        assert_eq!(
            layout.kustomizations.iter().copied().collect::<Vec<_>>(),
            [FileId(1)]
        );
        assert_eq!(
            layout.patches.iter().copied().collect::<Vec<_>>(),
            [FileId(2), FileId(3)]
        );
        let messages: Vec<&str> = layout.notices.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("`../../elsewhere` is outside the scanned paths"));
        assert!(messages[1].contains("remote"));
        assert!(messages[2].contains("2 kustomize patch files"));
    }

    #[test]
    fn namespaces_flow_from_overlays_to_base_files() {
        let sources = sources(&[
            ("base/deploy.yaml", "kind: Deployment\n"),
            ("base/kustomization.yaml", "resources: [deploy.yaml]\n"),
            (
                "one/kustomization.yaml",
                "namespace: shop\nresources: [../base]\n",
            ),
            (
                "two/kustomization.yaml",
                "namespace: shop\nresources: [../base]\n",
            ),
            ("three/svc.yaml", "kind: Service\n"),
            (
                "three/kustomization.yaml",
                "namespace: a\nresources: [svc.yaml, ../four]\n",
            ),
            (
                "four/kustomization.yaml",
                "namespace: b\nresources: [../three/svc.yaml]\n",
            ),
        ]);
        let layout = layout(&sources);
        assert_eq!(layout.namespaces[&FileId(0)].as_str(), Some("shop"));
        assert!(layout.namespaces[&FileId(4)].is_unknown());
    }

    #[test]
    fn set_namespace_fills_namespaced_objects_only() {
        let namespace = Node::new(Span::new(FileId(1), 0, 4), NodeKind::Str("shop".into()));
        let mut deployment =
            yaml::parse_stream("kind: Deployment\nmetadata: {name: a}\n", FileId(0))
                .unwrap()
                .remove(0);
        set_namespace(&mut deployment, &namespace);
        let set = deployment.path(&["metadata", "namespace"]).unwrap();
        assert_eq!(set.as_str(), Some("shop"));
        // Located at the object's `metadata`, coming from the kustomization.
        assert_eq!(set.span, deployment.entry("metadata").unwrap().key_span);
        assert_eq!(set.via[0].span, namespace.span);
        let mut list = yaml::parse_stream(
            "kind: DeploymentList\nitems:\n- metadata: {name: a}\n",
            FileId(0),
        )
        .unwrap()
        .remove(0);
        set_namespace(&mut list, &namespace);
        let item = &list.get("items").unwrap().as_seq().unwrap()[0];
        assert_eq!(
            item.path(&["metadata", "namespace"]).unwrap().as_str(),
            Some("shop")
        );
        let mut role = yaml::parse_stream("kind: ClusterRole\nmetadata: {name: a}\n", FileId(0))
            .unwrap()
            .remove(0);
        set_namespace(&mut role, &namespace);
        assert_eq!(role.path(&["metadata", "namespace"]), None);
    }
}

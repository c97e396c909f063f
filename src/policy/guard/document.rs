//! The documents Guard rules are evaluated against, and the way back from a path Guard reports
//! to our own spans.
//!
//! A CloudFormation template is given to Guard as it is written (parsed by us, `!Ref` short
//! forms spelt out as `Ref` / `Fn::*`), so existing Guard rules and the Metadata they read
//! (Guard's own `SuppressedRules`, `cfn_nag` sections) work unchanged. Every other resource
//! (Terraform, plan JSON, Kubernetes) is given as the *model document* of its file, shaped like
//! a template so rules read alike:
//!
//! ```json
//! { "Resources": { "<address>": { "Type": "aws_s3_bucket", "Format": "terraform",
//!                                 "Address": "...", "File": "main.tf",
//!                                 "Properties": { ...evaluated body... },
//!                                 "Metadata": { ... }, "Object": { ...Kubernetes manifest... } } },
//!   "Iacguard": { "File": "main.tf", "Policy": { "approved_registries": [], ... } } }
//! ```
//!
//! Every document also carries `Iacguard.Policy`, the `[policy]` section of the configuration,
//! so shipped packs are parameterised without editing them. A value that cannot be known before
//! deployment is the string `"<unknown: why>"`; a failure on such a value is dropped, because
//! unknown is not insecure.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::adapt;
use crate::discover::Syntax;
use crate::finding::Related;
use crate::model::{Format, Resource};
use crate::parse::{self, Entry, Node, NodeKind};
use crate::policy::org::OrgPolicy;
use crate::source::{FileId, Sources, Span};

/// One document of the batch.
pub struct Document {
    pub file: FileId,
    pub value: Value,
    shape: Shape,
}

enum Shape {
    /// A CloudFormation template: its tree, and the model resource of each logical ID.
    Template {
        root: Node,
        resources: HashMap<String, usize>,
        first: usize,
    },
    /// The model document of a file: indices of its resources in the scan's model.
    Model(Vec<usize>),
}

/// Where a Guard failure lands.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub resource: usize,
    pub span: Span,
    /// The path below the resource, for fingerprints: `Properties/BucketName`.
    pub attribute: String,
    pub related: Vec<Related>,
    /// Whether the path led to a value that cannot be known before deployment.
    pub unknown: bool,
}

/// Documents for every CloudFormation template and every other file with resources, in file
/// order.
pub fn build(resources: &[Resource], sources: &Sources, policy: &OrgPolicy) -> Vec<Document> {
    let mut templates: BTreeMap<FileId, Vec<usize>> = BTreeMap::new();
    let mut models: BTreeMap<FileId, Vec<usize>> = BTreeMap::new();
    for (index, resource) in resources.iter().enumerate() {
        let file = resource.header.file;
        if resource.format == Format::CloudFormation {
            templates.entry(file).or_default().push(index);
        } else {
            models.entry(file).or_default().push(index);
        }
    }
    // Files are independent: their documents are built in parallel, then put in file order
    // (the templates of one stream keep theirs).
    let templates: Vec<(FileId, Vec<usize>)> = templates.into_iter().collect();
    let mut documents: Vec<Document> = templates
        .par_iter()
        .flat_map_iter(|(file, members)| {
            template_documents(*file, members, resources, sources, policy)
        })
        .collect();
    let models: Vec<(FileId, Vec<usize>)> = models.into_iter().collect();
    documents.par_extend(
        models
            .into_par_iter()
            .map(|(file, members)| model_document(file, members, resources, sources, policy)),
    );
    documents.sort_by_key(|document| document.file);
    documents
}

/// The documents of a CloudFormation file: each template of a YAML stream is one.
fn template_documents(
    file: FileId,
    members: &[usize],
    resources: &[Resource],
    sources: &Sources,
    policy: &OrgPolicy,
) -> Vec<Document> {
    let mut documents = Vec::new();
    let source = sources.get(file);
    let parsed = match Syntax::of(&source.display, &source.text) {
        Syntax::Json => parse::json::parse(&source.text, file).map(|root| vec![root]),
        _ => parse::yaml::parse_stream(&source.text, file),
    };
    // The file parsed when it was adapted; parsing it again cannot fail differently.
    for root in parsed.unwrap_or_default() {
        if !adapt::cloudformation::is_template(&root) {
            continue;
        }
        // The resources of this template of the stream: logical IDs repeat across the
        // templates of one file. A resource read under several condition values is one
        // resource to Guard.
        let mut by_id: HashMap<String, usize> = HashMap::new();
        for &index in members {
            let header = resources[index].header;
            if root.span.start <= header.start && header.end <= root.span.end {
                by_id
                    .entry(resources[index].address.clone())
                    .or_insert(index);
            }
        }
        let Some(first) = by_id.values().min().copied() else {
            continue;
        };
        let mut value = to_json(&root);
        if let Value::Object(map) = &mut value {
            map.insert(
                "Iacguard".to_string(),
                iacguard_section(&source.display, policy),
            );
        }
        documents.push(Document {
            file,
            value,
            shape: Shape::Template {
                root,
                resources: by_id,
                first,
            },
        });
    }
    documents
}

/// The model document of a Terraform, plan or Kubernetes file.
fn model_document(
    file: FileId,
    members: Vec<usize>,
    resources: &[Resource],
    sources: &Sources,
    policy: &OrgPolicy,
) -> Document {
    let display = &sources.get(file).display;
    let mut entries = Map::new();
    for &index in &members {
        let resource = &resources[index];
        let mut entry = Map::new();
        entry.insert("Type".into(), resource.type_name.clone().into());
        entry.insert("Format".into(), resource.format.name().into());
        entry.insert("Address".into(), resource.address.clone().into());
        entry.insert("File".into(), display.clone().into());
        entry.insert("Properties".into(), to_json(&resource.body));
        if let Some(metadata) = &resource.metadata {
            entry.insert("Metadata".into(), to_json(metadata));
        }
        if resource.format != Format::Kubernetes {
            if let Some(object) = &resource.object {
                entry.insert("Object".into(), to_json(object));
            }
        }
        entries.insert(resource.address.clone(), Value::Object(entry));
    }
    let mut value = Map::new();
    value.insert("Resources".into(), Value::Object(entries));
    value.insert("Iacguard".into(), iacguard_section(display, policy));
    Document {
        file,
        value: Value::Object(value),
        shape: Shape::Model(members),
    }
}

fn iacguard_section(file: &str, policy: &OrgPolicy) -> Value {
    serde_json::json!({
        "File": file,
        "Policy": {
            "approved_registries": policy.approved_registries,
            "allowed_regions": policy.allowed_regions,
            "required_tags": policy.required_tags,
        }
    })
}

/// How an unknown value appears to Guard rules: this prefix, the reason, `>`.
pub const UNKNOWN_PREFIX: &str = "<unknown: ";

/// How an unknown value appears to Guard rules.
pub fn unknown_text(reason: &str) -> String {
    format!("{UNKNOWN_PREFIX}{reason}>")
}

/// Whether a document value is, or holds, an unknown value.
pub fn mentions_unknown(value: &Value) -> bool {
    match value {
        Value::String(text) => text.starts_with(UNKNOWN_PREFIX),
        Value::Array(items) => items.iter().any(mentions_unknown),
        Value::Object(map) => map.values().any(mentions_unknown),
        _ => false,
    }
}

/// A tree as JSON. YAML tags become the long form (`!GetAtt A.B` is `{"Fn::GetAtt": ["A",
/// "B"]}`), as CloudFormation and cfn-guard read them.
fn to_json(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Bool(b) => Value::Bool(*b),
        NodeKind::Number(x) => {
            if x.fract() == 0.0 && x.abs() < 9.0e15 {
                Value::from(*x as i64)
            } else {
                serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number)
            }
        }
        NodeKind::Str(s) => Value::String(s.clone()),
        NodeKind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        NodeKind::Map(entries) => {
            // A key that repeats (Terraform's repeated blocks: two `ingress`) is a list of its
            // values, in order; `walk` reads the index that follows it in a path.
            let mut occurrences: HashMap<&str, usize> = HashMap::new();
            for entry in entries {
                *occurrences.entry(entry.key.as_str()).or_default() += 1;
            }
            let mut map = Map::new();
            for entry in entries {
                let value = to_json(&entry.value);
                if occurrences.get(entry.key.as_str()).is_some_and(|&n| n > 1) {
                    let list = map
                        .entry(entry.key.clone())
                        .or_insert_with(|| Value::Array(Vec::new()));
                    if let Value::Array(values) = list {
                        values.push(value);
                    }
                } else {
                    map.insert(entry.key.clone(), value);
                }
            }
            Value::Object(map)
        }
        NodeKind::Tagged(tag, inner) => {
            let key = long_form(tag);
            let value = match (&inner.kind, key.as_str()) {
                (NodeKind::Str(s), "Fn::GetAtt") => match s.split_once('.') {
                    Some((name, attribute)) => serde_json::json!([name, attribute]),
                    None => to_json(inner),
                },
                _ => to_json(inner),
            };
            let mut map = Map::new();
            map.insert(key, value);
            Value::Object(map)
        }
        NodeKind::Unknown(reason) => Value::String(unknown_text(reason)),
    }
}

/// Whether `key` occurs more than once among a map's entries.
fn repeats(entries: &[Entry], key: &str) -> bool {
    entries
        .iter()
        .filter(|entry| entry.key == key)
        .nth(1)
        .is_some()
}

/// `!Ref` → `Ref`, `!GetAtt` → `Fn::GetAtt`.
fn long_form(tag: &str) -> String {
    let name = tag.trim_start_matches('!');
    match name {
        "Ref" | "Condition" => name.to_string(),
        _ => format!("Fn::{name}"),
    }
}

impl Document {
    /// Where a failure Guard reports at `path` lands (`unknown` when the value it judged cannot
    /// be known, which is never a finding by itself); `None` for a resource that is not
    /// deployed (its Condition is false).
    pub fn locate(&self, path: Option<&str>, resources: &[Resource]) -> Option<Located> {
        let path = path.unwrap_or("");
        let rest = path.trim_start_matches('/');
        match &self.shape {
            Shape::Template {
                root,
                resources: by_id,
                first,
            } => {
                let section = root.get("Resources");
                let within = rest.strip_prefix("Resources/");
                let in_template = section.zip(within).and_then(|(section, within)| {
                    let entries = section.as_map()?;
                    let (id, below) = longest_key(entries.iter().map(|e| e.key.as_str()), within)?;
                    Some((id, section.get(id)?, below))
                });
                // A resource of the template that is not in the model has a Condition that is
                // false with these parameters: it is not deployed, so, as for built-in rules,
                // nothing is reported on it.
                if in_template.is_some_and(|(id, _, _)| !by_id.contains_key(id)) {
                    return None;
                }
                let found =
                    in_template.and_then(|(id, node, below)| Some((*by_id.get(id)?, node, below)));
                match found {
                    Some((index, node, below)) => locate_in(
                        &resources[index],
                        index,
                        node,
                        below,
                        node.get("Properties"),
                    ),
                    None => {
                        let walk = walk(root, rest);
                        let span = if walk.exact {
                            walk.node.span
                        } else {
                            walk.key_span.unwrap_or(Span::file_start(self.file))
                        };
                        Some(Located {
                            resource: *first,
                            span,
                            attribute: rest.to_string(),
                            related: Vec::new(),
                            unknown: walk.unknown,
                        })
                    }
                }
            }
            Shape::Model(members) => {
                let within = rest.strip_prefix("Resources/");
                let found = within.and_then(|within| {
                    let (address, below) = longest_key(
                        members.iter().map(|&i| resources[i].address.as_str()),
                        within,
                    )?;
                    let index = *members.iter().find(|&&i| resources[i].address == address)?;
                    Some((index, below))
                });
                let (index, below) = match found {
                    Some(found) => found,
                    None => {
                        let first = *members.first()?;
                        return Some(Located {
                            resource: first,
                            span: resources[first].header,
                            attribute: rest.to_string(),
                            related: Vec::new(),
                            unknown: false,
                        });
                    }
                };
                let resource = &resources[index];
                let (field, inner) = below.split_once('/').unwrap_or((below, ""));
                let tree = match field {
                    "Properties" => Some(&resource.body),
                    "Metadata" => resource.metadata.as_ref(),
                    "Object" => resource.object.as_ref(),
                    _ => None,
                };
                let Some(tree) = tree else {
                    return Some(Located {
                        resource: index,
                        span: resource.header,
                        attribute: below.to_string(),
                        related: Vec::new(),
                        unknown: false,
                    });
                };
                let mut located = locate_in(resource, index, tree, inner, Some(tree))?;
                located.attribute = below.to_string();
                Some(located)
            }
        }
    }
}

/// Locates `path` under one resource's tree: the value itself, or when it is missing the key
/// of the deepest block that exists, or the resource header when not even that does.
fn locate_in(
    resource: &Resource,
    index: usize,
    tree: &Node,
    path: &str,
    properties: Option<&Node>,
) -> Option<Located> {
    let walk = walk(tree, path);
    let is_root =
        std::ptr::eq(walk.node, tree) || properties.is_some_and(|p| std::ptr::eq(walk.node, p));
    // A block or list (the `tags` lacking a key) is shown by its key, not its whole body.
    let is_collection = matches!(walk.node.kind, NodeKind::Map(_) | NodeKind::Seq(_));
    let span = match (walk.exact && !is_collection, is_root) {
        (_, true) => resource.header,
        (true, false) => walk.node.span,
        (false, false) => walk.key_span.unwrap_or(walk.node.span),
    };
    let related = if walk.exact && !is_root {
        walk.node
            .via
            .iter()
            .map(|via| Related {
                span: via.span,
                message: via.note.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    Some(Located {
        resource: index,
        span,
        attribute: path.to_string(),
        related,
        unknown: walk.unknown,
    })
}

/// The longest of `keys` that `path` is, or starts with followed by `/`; and the rest of the
/// path. Keys may contain `/` (Kubernetes addresses, label names), which Guard does not escape.
fn longest_key<'k, 'p>(
    keys: impl Iterator<Item = &'k str>,
    path: &'p str,
) -> Option<(&'k str, &'p str)> {
    keys.filter_map(|key| {
        if path == key {
            Some((key, ""))
        } else {
            path.strip_prefix(key)
                .and_then(|rest| rest.strip_prefix('/'))
                .map(|rest| (key, rest))
        }
    })
    .max_by_key(|(key, _)| key.len())
}

struct Walk<'a> {
    /// The deepest node reached.
    node: &'a Node,
    /// The key span of the last map entry walked through.
    key_span: Option<Span>,
    /// Whether the whole path was found.
    exact: bool,
    /// Whether the walk reached an unknown value.
    unknown: bool,
}

fn walk<'a>(root: &'a Node, path: &str) -> Walk<'a> {
    let mut node = root;
    let mut key_span = None;
    let mut rest = path.trim_matches('/');
    loop {
        if node.is_unknown() {
            return Walk {
                node,
                key_span,
                exact: rest.is_empty(),
                unknown: true,
            };
        }
        if rest.is_empty() {
            return Walk {
                node,
                key_span,
                exact: true,
                unknown: false,
            };
        }
        let next = match &node.kind {
            NodeKind::Map(entries) => longest_key(entries.iter().map(|e| e.key.as_str()), rest)
                .and_then(|(key, below)| {
                    if !repeats(entries, key) {
                        let entry = node.entry(key)?;
                        return Some((&entry.value, Some(entry.key_span), below));
                    }
                    // A repeated key is a list in the document: the next segment picks one.
                    let (segment, below) = below.split_once('/').unwrap_or((below, ""));
                    let mut same = entries.iter().filter(|entry| entry.key == key);
                    match segment.parse::<usize>().ok() {
                        Some(n) => same
                            .nth(n)
                            .map(|entry| (&entry.value, Some(entry.key_span), below)),
                        // The list as a whole: shown at its first key.
                        None => same.next().map(|entry| (node, Some(entry.key_span), "")),
                    }
                }),
            NodeKind::Seq(items) => {
                let (segment, below) = rest.split_once('/').unwrap_or((rest, ""));
                segment
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .map(|item| (item, None, below))
            }
            NodeKind::Tagged(tag, inner) => {
                let (segment, below) = rest.split_once('/').unwrap_or((rest, ""));
                (segment == long_form(tag)).then_some((inner.as_ref(), None, below))
            }
            _ => None,
        };
        match next {
            Some((child, span, below)) => {
                node = child;
                key_span = span.or(key_span);
                rest = below;
            }
            None => {
                return Walk {
                    node,
                    key_span,
                    exact: false,
                    unknown: false,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_with_slashes_match_longest_first() {
        let keys = ["Deployment/shop/web", "Deployment/shop", "a"];
        assert_eq!(
            longest_key(keys.into_iter(), "Deployment/shop/web/Properties/spec"),
            Some(("Deployment/shop/web", "Properties/spec"))
        );
        assert_eq!(longest_key(keys.into_iter(), "a"), Some(("a", "")));
        assert_eq!(longest_key(keys.into_iter(), "ab/c"), None);
    }

    #[test]
    fn paths_walk_maps_lists_tags_and_stop_at_unknowns() {
        let text = "a:\n  app.kubernetes.io/name: x\n  list: [1, !Ref B]\n";
        let root = parse::yaml::parse_stream(text, FileId(0))
            .unwrap()
            .remove(0);
        let found = walk(&root, "/a/app.kubernetes.io/name");
        assert!(found.exact && found.node.as_str() == Some("x"));
        let found = walk(&root, "/a/list/1/Ref");
        assert!(found.exact && found.node.as_str() == Some("B"));
        let found = walk(&root, "/a/missing/deeper");
        assert!(!found.exact);
        assert_eq!(found.key_span.map(|s| s.start), Some(0));
        let unknown = Node::unknown(Span::file_start(FileId(0)), "later");
        assert!(walk(&unknown, "/x").unknown);
    }

    #[test]
    fn json_spells_out_short_forms_and_unknowns() {
        let text = "A: !GetAtt Key.Arn\nB: !Ref P\nC: 1.5\nD: 2\n";
        let root = parse::yaml::parse_stream(text, FileId(0))
            .unwrap()
            .remove(0);
        assert_eq!(
            to_json(&root),
            serde_json::json!({"A": {"Fn::GetAtt": ["Key", "Arn"]}, "B": {"Ref": "P"}, "C": 1.5, "D": 2})
        );
        let unknown = Node::unknown(Span::file_start(FileId(0)), "only known after apply");
        assert_eq!(to_json(&unknown), "<unknown: only known after apply>");
    }
}

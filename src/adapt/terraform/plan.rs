//! Terraform plan JSON (`terraform show -json plan.out`) to model resources.
//!
//! A plan knows what configuration alone cannot: variable values from `.tfvars` files and the
//! command line, `count` and `for_each` expanded, provider defaults filled in. Each managed
//! resource instance the plan creates, updates or keeps becomes a [`Resource`] with its full
//! address (`module.eks.aws_eks_cluster.this[0]`), read by the same adapters as HCL (see
//! [`super::typed`]). Values the plan marks in `after_unknown` become unknown, so they never
//! produce a finding by themselves. Instances the plan deletes are left out.
//!
//! When the configuration that produced the plan is part of the same scan, [`join`] moves
//! every value's span from the plan file to the `.tf` line that wrote it, and the plan's
//! instance replaces the one evaluated from HCL: one finding, at the line to edit, with the
//! values the plan knows.

use std::collections::{BTreeSet, HashMap};

use crate::model::{Format, Resource};
use crate::parse::{Entry, Node, NodeKind, Via};
use crate::source::{FileId, Sources, Span};

use super::typed;

/// What one plan file contributes to a scan.
pub struct Plan {
    pub file: FileId,
    /// Module addresses (`module.eks`, `module.eks.module.nodes`) to their local `source`, as
    /// written in the plan's `configuration`.
    module_sources: HashMap<String, String>,
    pub resources: Vec<Resource>,
}

/// Whether a JSON document is a plan (or a state) written by `terraform show -json`.
pub fn is_plan(document: &Node) -> bool {
    document
        .get("format_version")
        .and_then(Node::as_str)
        .is_some()
        && document
            .get("terraform_version")
            .and_then(Node::as_str)
            .is_some()
        && ["planned_values", "resource_changes", "values"]
            .iter()
            .any(|key| document.get(key).is_some_and(|v| !v.is_null()))
}

pub fn adapt(document: &Node, file: FileId) -> Plan {
    let mut resources = Vec::new();
    let mut seen = BTreeSet::new();
    // `resource_changes` has `after_unknown` next to each value; `planned_values` (and a
    // state's `values`) cover instances without a change entry.
    for change in seq(document.get("resource_changes")) {
        let Some(address) = change.get("address").and_then(Node::as_str) else {
            continue;
        };
        seen.insert(address.to_string());
        if !is_managed(change) {
            continue;
        }
        let Some(after) = change
            .path(&["change", "after"])
            .filter(|a| a.as_map().is_some())
        else {
            continue; // deleted, or a change without a planned value
        };
        let mut body = match change.path(&["change", "after_unknown"]) {
            Some(unknown) => with_unknown(after.clone(), unknown),
            None => after.clone(),
        };
        hide_computed_secrets(&mut body, change, document);
        if let Some(resource) = resource(change, body) {
            resources.push(resource);
        }
    }
    for root in [
        document.path(&["planned_values", "root_module"]),
        document.path(&["values", "root_module"]),
    ]
    .into_iter()
    .flatten()
    {
        module_resources(root, document, &mut seen, &mut resources);
    }
    let mut module_sources = HashMap::new();
    if let Some(root) = document.path(&["configuration", "root_module"]) {
        collect_module_sources(root, "", &mut module_sources);
    }
    Plan {
        file,
        module_sources,
        resources,
    }
}

fn seq(node: Option<&Node>) -> &[Node] {
    node.and_then(Node::as_seq).unwrap_or_default()
}

fn is_managed(item: &Node) -> bool {
    item.get("mode").and_then(Node::as_str).unwrap_or("managed") == "managed"
}

/// Resources of a `planned_values`/`values` module and its `child_modules`, recursively.
fn module_resources(
    module: &Node,
    document: &Node,
    seen: &mut BTreeSet<String>,
    out: &mut Vec<Resource>,
) {
    for item in seq(module.get("resources")) {
        let Some(address) = item.get("address").and_then(Node::as_str) else {
            continue;
        };
        if !seen.insert(address.to_string()) || !is_managed(item) {
            continue;
        }
        if let Some(values) = item.get("values").filter(|v| v.as_map().is_some()) {
            let mut values = values.clone();
            hide_computed_secrets(&mut values, item, document);
            if let Some(resource) = resource(item, values) {
                out.push(resource);
            }
        }
    }
    for child in seq(module.get("child_modules")) {
        module_resources(child, document, seen, out);
    }
}

/// A resource from a plan entry with `address` and `type`; the header is the address line.
fn resource(item: &Node, body: Node) -> Option<Resource> {
    let address = item.entry("address")?;
    let type_name = item.get("type")?.as_str()?.to_string();
    let header = address.key_span.to(address.value.span);
    let (body, kind, object) = typed::adapt(&type_name, drop_empty_lists(body), header);
    Some(Resource {
        format: Format::Terraform,
        type_name,
        address: address.value.as_str()?.to_string(),
        header,
        body,
        metadata: None,
        object,
        enclosing: Vec::new(),
        kind,
    })
}

/// A plan holds the values of a `kubernetes_secret`'s `data` whatever produced them. Only a
/// constant written in the configuration is committed to the repository (what K8S-SEC-001 is
/// about); values computed from a password generator or a variable given at plan time become
/// unknown, as they are when the configuration alone is scanned.
fn hide_computed_secrets(body: &mut Node, item: &Node, document: &Node) {
    let is_secret = item
        .get("type")
        .and_then(Node::as_str)
        .is_some_and(|t| t.starts_with("kubernetes_secret"));
    let (true, Some(address)) = (is_secret, item.get("address").and_then(Node::as_str)) else {
        return;
    };
    let expressions = configuration_resource(document, address).and_then(|r| r.get("expressions"));
    let NodeKind::Map(entries) = &mut body.kind else {
        return;
    };
    for entry in entries {
        if !matches!(entry.key.as_str(), "data" | "binary_data") {
            continue;
        }
        let written = expressions
            .and_then(|e| e.get(&entry.key))
            .is_some_and(|e| e.get("constant_value").is_some());
        if let (false, NodeKind::Map(values)) = (written, &mut entry.value.kind) {
            for value in values {
                value.value = Node::unknown(
                    value.value.span,
                    "computed at plan time, not written in the configuration",
                );
            }
        }
    }
}

/// The `configuration` entry of the resource an instance address was planned from.
fn configuration_resource<'a>(document: &'a Node, address: &str) -> Option<&'a Node> {
    let (modules, base) = split_address(address);
    let mut module = document.path(&["configuration", "root_module"])?;
    for name in &modules {
        module = module.path(&["module_calls", name, "module"])?;
    }
    seq(module.get("resources"))
        .iter()
        .find(|r| r.get("address").and_then(Node::as_str) == Some(base.as_str()))
}

/// Overlays `after_unknown` (the same shape as the value, `true` where the value is only
/// known after apply) onto the planned value.
fn with_unknown(value: Node, unknown: &Node) -> Node {
    match &unknown.kind {
        NodeKind::Bool(true) => Node::unknown(
            value.span,
            "known only after apply (the plan's `after_unknown`)",
        ),
        NodeKind::Map(marks) => {
            let Node { span, kind, via } = value;
            let NodeKind::Map(mut entries) = kind else {
                return Node { span, kind, via };
            };
            for mark in marks {
                match entries.iter_mut().find(|entry| entry.key == mark.key) {
                    Some(entry) => {
                        let inner =
                            std::mem::replace(&mut entry.value, Node::new(span, NodeKind::Null));
                        entry.value = with_unknown(inner, &mark.value);
                    }
                    None if has_unknown(&mark.value) => entries.push(Entry {
                        key: mark.key.clone(),
                        key_span: mark.key_span,
                        value: skeleton(&mark.value),
                    }),
                    None => {}
                }
            }
            Node {
                span,
                kind: NodeKind::Map(entries),
                via,
            }
        }
        NodeKind::Seq(marks) => {
            let Node { span, kind, via } = value;
            let NodeKind::Seq(items) = kind else {
                return Node { span, kind, via };
            };
            let items = items
                .into_iter()
                .enumerate()
                .map(|(i, item)| match marks.get(i) {
                    Some(mark) => with_unknown(item, mark),
                    None => item,
                })
                .collect();
            Node {
                span,
                kind: NodeKind::Seq(items),
                via,
            }
        }
        _ => value,
    }
}

/// A value that `after` leaves out entirely, rebuilt from its `after_unknown` marks.
fn skeleton(marks: &Node) -> Node {
    let kind = match &marks.kind {
        NodeKind::Bool(true) => {
            return Node::unknown(
                marks.span,
                "known only after apply (the plan's `after_unknown`)",
            )
        }
        NodeKind::Map(entries) => NodeKind::Map(
            entries
                .iter()
                .filter(|entry| has_unknown(&entry.value))
                .map(|entry| Entry {
                    key: entry.key.clone(),
                    key_span: entry.key_span,
                    value: skeleton(&entry.value),
                })
                .collect(),
        ),
        NodeKind::Seq(items) => NodeKind::Seq(items.iter().map(skeleton).collect()),
        _ => NodeKind::Null,
    };
    Node::new(marks.span, kind)
}

fn has_unknown(marks: &Node) -> bool {
    match &marks.kind {
        NodeKind::Bool(b) => *b,
        NodeKind::Map(entries) => entries.iter().any(|e| has_unknown(&e.value)),
        NodeKind::Seq(items) => items.iter().any(has_unknown),
        _ => false,
    }
}

/// A plan writes a block that is absent, and a list attribute that is not set, as `[]`. Both
/// mean "nothing configured" to the adapters, which then apply the cloud's default.
fn drop_empty_lists(node: Node) -> Node {
    let Node { span, kind, via } = node;
    let kind = match kind {
        NodeKind::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .filter(|entry| entry.value.as_seq().is_none_or(|items| !items.is_empty()))
                .map(|entry| Entry {
                    value: drop_empty_lists(entry.value),
                    ..entry
                })
                .collect(),
        ),
        NodeKind::Seq(items) => NodeKind::Seq(items.into_iter().map(drop_empty_lists).collect()),
        other => other,
    };
    Node { span, kind, via }
}

fn collect_module_sources(module: &Node, prefix: &str, out: &mut HashMap<String, String>) {
    for call in module
        .get("module_calls")
        .and_then(Node::as_map)
        .unwrap_or_default()
    {
        let address = format!("{prefix}module.{}", call.key);
        if let Some(source) = call.value.get("source").and_then(Node::as_str) {
            out.insert(address.clone(), source.to_string());
        }
        if let Some(child) = call.value.get("module") {
            collect_module_sources(child, &format!("{address}."), out);
        }
    }
}

/// Joins plan instances with the HCL resources of the same scan (see the module docs).
/// `resources` are the resources adapted from configuration and manifests.
pub fn join(resources: Vec<Resource>, plans: Vec<Plan>, sources: &Sources) -> Vec<Resource> {
    let mut replaced = vec![false; resources.len()];
    let mut joined = Vec::new();
    // Terraform resources by type and address within their module, with their directory.
    let mut declared: HashMap<(&str, String), Vec<(usize, &str)>> = HashMap::new();
    for (i, r) in resources.iter().enumerate() {
        if r.format == Format::Terraform {
            declared
                .entry((r.type_name.as_str(), split_address(&r.address).1))
                .or_default()
                .push((i, directory(&sources.get(r.header.file).display)));
        }
    }
    for mut plan in plans {
        let plan_dir = directory(&sources.get(plan.file).display).to_string();
        for mut resource in std::mem::take(&mut plan.resources) {
            let (modules, base) = split_address(&resource.address);
            let module_dir = module_directory(&plan, &plan_dir, &modules);
            let candidates = declared
                .get(&(resource.type_name.as_str(), base))
                .map_or(&[][..], Vec::as_slice);
            let matches = matching(candidates, module_dir.as_deref());
            if let Some(&first) = matches.first() {
                // The same instance if the HCL side expanded modules and `count`, else the
                // same instance key, else the declaration.
                let candidates = || matches.iter().map(|&i| &resources[i]);
                let hcl = candidates()
                    .find(|r| r.address == resource.address)
                    .or_else(|| {
                        candidates()
                            .find(|r| strip_modules(&r.address) == strip_modules(&resource.address))
                    })
                    .unwrap_or(&resources[first]);
                let header = hcl.header;
                let body = relocate(&resource.body, Some(&hcl.body), header);
                let (body, kind, object) = typed::adapt(&resource.type_name, body, header);
                resource.header = header;
                resource.body = body;
                resource.kind = kind;
                resource.object = object;
                for i in matches {
                    replaced[i] = true;
                }
            }
            joined.push(resource);
        }
    }
    let mut out: Vec<Resource> = resources
        .into_iter()
        .zip(replaced)
        .filter(|(_, replaced)| !replaced)
        .map(|(resource, _)| resource)
        .collect();
    out.extend(joined);
    out
}

/// Of the HCL resources with a plan instance's type and address within its module
/// (`candidates`, with their directories), those that declare it: the ones in the module's
/// directory when the plan says where that is; otherwise those of the only directory that
/// declares such a resource.
fn matching(candidates: &[(usize, &str)], module_dir: Option<&str>) -> Vec<usize> {
    if let Some(dir) = module_dir {
        let here: Vec<usize> = candidates
            .iter()
            .filter(|(_, d)| *d == dir)
            .map(|(i, _)| *i)
            .collect();
        if !here.is_empty() {
            return here;
        }
    }
    let directories: BTreeSet<&str> = candidates.iter().map(|(_, d)| *d).collect();
    if directories.len() == 1 {
        candidates.iter().map(|(i, _)| *i).collect()
    } else {
        Vec::new()
    }
}

/// The directory of a module instance: the plan's own directory for the root module, a
/// local `source` resolved against its caller's directory for the others.
fn module_directory(plan: &Plan, plan_dir: &str, modules: &[String]) -> Option<String> {
    let mut dir = plan_dir.to_string();
    let mut address = String::new();
    for name in modules {
        if !address.is_empty() {
            address.push('.');
        }
        address.push_str("module.");
        address.push_str(name);
        let source = plan.module_sources.get(&address)?;
        if !(source.starts_with("./") || source.starts_with("../")) {
            return None; // a registry or remote module: not in the scanned tree
        }
        dir = join_path(&dir, source);
    }
    Some(dir)
}

/// `a/b` joined with `../c/./d` is `a/c/d`.
fn join_path(dir: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    let absolute = dir.starts_with('/');
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

fn directory(display: &str) -> &str {
    display.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// `module.eks["a"].aws_eks_cluster.this[0]` to (`["eks"]`, `aws_eks_cluster.this`): the
/// module path and the resource address within its module, without instance keys.
fn split_address(address: &str) -> (Vec<String>, String) {
    let mut modules = Vec::new();
    let mut rest = address;
    while let Some(after) = rest.strip_prefix("module.") {
        let name_end = after.find(['.', '[']).unwrap_or(after.len());
        modules.push(after[..name_end].to_string());
        rest = skip_key(&after[name_end..]);
        rest = rest.strip_prefix('.').unwrap_or(rest);
    }
    let base = match rest.find('[') {
        Some(i) => &rest[..i],
        None => rest,
    };
    (modules, base.to_string())
}

/// The address without its `module.…` prefix (instance keys kept).
fn strip_modules(address: &str) -> &str {
    let mut rest = address;
    while let Some(after) = rest.strip_prefix("module.") {
        let name_end = after.find(['.', '[']).unwrap_or(after.len());
        rest = skip_key(&after[name_end..]);
        rest = rest.strip_prefix('.').unwrap_or(rest);
    }
    rest
}

/// Skips one `[0]` or `["key.with.dots"]` instance key at the start of `text`.
fn skip_key(text: &str) -> &str {
    if !text.starts_with('[') {
        return text;
    }
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            ']' if !in_string => return &text[i + 1..],
            _ => {}
        }
    }
    ""
}

/// The plan value `plan` with the spans of the HCL that wrote it: each node takes the span of
/// the HCL node at the same key path (the n-th block of a name matching the n-th); a node the
/// HCL does not write (a provider default, a computed value) takes `anchor`, the nearest
/// written ancestor (its key, or the resource header at the top). A value the HCL computed
/// the same way keeps its history (the variable default it came from); any other value
/// remembers its place in the plan, shown as a related location.
fn relocate(plan: &Node, hcl: Option<&Node>, anchor: Span) -> Node {
    let span = hcl.map_or(anchor, |h| h.span);
    let same = hcl.is_some_and(|h| same_value(plan, h));
    let is_leaf = matches!(
        plan.kind,
        NodeKind::Bool(_) | NodeKind::Number(_) | NodeKind::Str(_)
    );
    let via = match hcl {
        Some(h) if same => h.via.clone(),
        // The configuration does not say this (a `.tfvars` value, a provider default): the
        // plan's line is where the value can be seen.
        _ if is_leaf => vec![Via {
            span: plan.span,
            note: "the plan gives this value".to_string(),
        }],
        _ => Vec::new(),
    };
    // A value that came through a variable or local and differs in the plan (given in a
    // `.tfvars` file) is not looked into: its parts would point at the variable's default.
    let hcl = hcl.filter(|h| same || h.via.is_empty());
    // Where children the HCL lacks point: this node's key when it is written as a block or
    // map, otherwise the expression that produced it.
    let child_anchor = match hcl {
        Some(h) if h.as_map().is_some() || h.as_seq().is_some() => anchor,
        Some(h) => h.span,
        None => span,
    };
    let kind = match &plan.kind {
        NodeKind::Map(entries) => {
            let hcl_entries = hcl.and_then(Node::as_map).unwrap_or_default();
            let mut seen: HashMap<&str, usize> = HashMap::new();
            NodeKind::Map(
                entries
                    .iter()
                    .map(|entry| {
                        let n = seen.entry(entry.key.as_str()).or_insert(0);
                        let hcl_entry = hcl_entries.iter().filter(|e| e.key == entry.key).nth(*n);
                        *n += 1;
                        let key_span = hcl_entry.map_or(child_anchor, |e| e.key_span);
                        Entry {
                            key: entry.key.clone(),
                            key_span,
                            value: relocate(&entry.value, hcl_entry.map(|e| &e.value), key_span),
                        }
                    })
                    .collect(),
            )
        }
        NodeKind::Seq(items) => {
            let hcl_items = hcl.and_then(Node::as_seq).unwrap_or_default();
            NodeKind::Seq(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| relocate(item, hcl_items.get(i), child_anchor))
                    .collect(),
            )
        }
        other => other.clone(),
    };
    Node { span, kind, via }
}

/// Whether two values are the same known value (an unknown never is).
fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        (NodeKind::Str(x), NodeKind::Str(y)) => x == y,
        (NodeKind::Number(x), NodeKind::Number(y)) => x == y,
        (NodeKind::Bool(x), NodeKind::Bool(y)) => x == y,
        (NodeKind::Seq(x), NodeKind::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_split_into_modules_and_base() {
        assert_eq!(
            split_address(r#"module.eks["a.b"].module.x[0].aws_eks_cluster.this[0]"#),
            (
                vec!["eks".to_string(), "x".to_string()],
                "aws_eks_cluster.this".to_string()
            )
        );
        assert_eq!(
            split_address("aws_ebs_volume.data"),
            (Vec::new(), "aws_ebs_volume.data".to_string())
        );
        assert_eq!(strip_modules("module.eks.aws_x.y[1]"), "aws_x.y[1]");
    }

    #[test]
    fn relative_sources_resolve_against_the_caller() {
        assert_eq!(
            join_path("infra/live", "./modules/eks"),
            "infra/live/modules/eks"
        );
        assert_eq!(
            join_path("infra/live", "../modules/eks"),
            "infra/modules/eks"
        );
        assert_eq!(join_path("", "../m"), "../m");
    }

    #[test]
    fn after_unknown_marks_values_unknown() {
        let text = r#"{"a": {"b": [{}], "c": 1}, "u": {"a": {"b": [{"k": true}], "c": true}}}"#;
        let root = crate::parse::json::parse(text, FileId(0)).unwrap();
        let merged = with_unknown(
            root.get("a").unwrap().clone(),
            root.path(&["u", "a"]).unwrap(),
        );
        let missing = r#"{"a": {}, "u": {"e": [{"p": [{"k": true}], "r": [false]}], "id": true}}"#;
        let root2 = crate::parse::json::parse(missing, FileId(0)).unwrap();
        let built = with_unknown(root2.get("a").unwrap().clone(), root2.get("u").unwrap());
        assert!(built.get("id").unwrap().is_unknown());
        let block = &built.get("e").unwrap().as_seq().unwrap()[0];
        assert!(block.get("p").unwrap().as_seq().unwrap()[0]
            .get("k")
            .unwrap()
            .is_unknown());
        assert!(block.get("r").is_none());
        assert!(merged.get("c").unwrap().is_unknown());
        let item = &merged.get("b").unwrap().as_seq().unwrap()[0];
        assert!(item.get("k").unwrap().is_unknown());
    }
}

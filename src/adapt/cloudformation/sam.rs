//! AWS SAM templates (`Transform: AWS::Serverless-2016-10-31`).
//!
//! `AWS::Serverless::*` resources stay resources of their own type (custom policies can look at
//! them), with the template's `Globals` merged into their properties the way SAM does it before
//! deployment: maps are merged, lists are concatenated (globals first), and for anything else
//! the resource's own value wins. Merged values keep their spans, so a finding caused by a
//! global setting points at the `Globals` section.

use std::borrow::Cow;

use crate::parse::{Entry, Node, NodeKind};

pub const TRANSFORM: &str = "AWS::Serverless-2016-10-31";

/// Whether the template asks for the SAM transform (`Transform` is a name or a list).
pub fn is_sam(root: &Node) -> bool {
    match root.get("Transform") {
        Some(node) => match &node.kind {
            NodeKind::Str(name) => name == TRANSFORM,
            NodeKind::Seq(items) => items.iter().any(|i| i.as_str() == Some(TRANSFORM)),
            _ => false,
        },
        None => false,
    }
}

/// Which `Globals` section applies to a resource type.
fn globals_section(type_name: &str) -> Option<&'static str> {
    Some(match type_name {
        "AWS::Serverless::Function" => "Function",
        "AWS::Serverless::Api" => "Api",
        "AWS::Serverless::HttpApi" => "HttpApi",
        "AWS::Serverless::SimpleTable" => "SimpleTable",
        "AWS::Serverless::StateMachine" => "StateMachine",
        "AWS::Serverless::LayerVersion" => "LayerVersion",
        "AWS::Serverless::CapacityProvider" => "CapacityProvider",
        _ => return None,
    })
}

/// The template with `Globals` merged into its serverless resources; unchanged when there is
/// nothing to merge.
pub fn apply_globals(root: &Node) -> Cow<'_, Node> {
    let globals = match root.get("Globals") {
        Some(globals) if is_sam(root) && globals.as_map().is_some() => globals,
        _ => return Cow::Borrowed(root),
    };
    let mut root = root.clone();
    let NodeKind::Map(sections) = &mut root.kind else {
        return Cow::Owned(root);
    };
    let Some(resources) = sections.iter_mut().rev().find(|e| e.key == "Resources") else {
        return Cow::Owned(root);
    };
    let NodeKind::Map(resources) = &mut resources.value.kind else {
        return Cow::Owned(root);
    };
    for resource in resources.iter_mut() {
        let section = resource
            .value
            .get("Type")
            .and_then(Node::as_str)
            .and_then(globals_section);
        let Some(global) = section.and_then(|name| globals.get(name)) else {
            continue;
        };
        let NodeKind::Map(attributes) = &mut resource.value.kind else {
            continue;
        };
        match attributes.iter_mut().rev().find(|e| e.key == "Properties") {
            Some(properties) => properties.value = merge(global, &properties.value),
            None => attributes.push(Entry {
                key: "Properties".to_string(),
                key_span: resource.key_span,
                value: global.clone(),
            }),
        }
    }
    Cow::Owned(root)
}

/// SAM's merge of a global value with a resource's own.
fn merge(global: &Node, own: &Node) -> Node {
    let is_function = |n: &Node| super::intrinsics::as_intrinsic(n).is_some();
    match (&global.kind, &own.kind) {
        (NodeKind::Map(globals), NodeKind::Map(owns))
            if !is_function(global) && !is_function(own) =>
        {
            let mut entries: Vec<Entry> = owns.clone();
            for global_entry in globals {
                match entries.iter_mut().find(|e| e.key == global_entry.key) {
                    Some(entry) => entry.value = merge(&global_entry.value, &entry.value),
                    None => entries.push(global_entry.clone()),
                }
            }
            Node {
                span: own.span,
                kind: NodeKind::Map(entries),
                via: own.via.clone(),
            }
        }
        (NodeKind::Seq(globals), NodeKind::Seq(owns)) => Node {
            span: own.span,
            kind: NodeKind::Seq(globals.iter().chain(owns).cloned().collect()),
            via: own.via.clone(),
        },
        _ => own.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::yaml::parse_stream;
    use crate::source::FileId;

    #[test]
    fn globals_are_merged_as_sam_does() {
        let text = "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: python3.12\n    Timeout: 3\n    Environment:\n      Variables: {A: global, B: global}\n    Layers: [g]\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: 10\n      Environment:\n        Variables: {B: own}\n      Layers: [o]\n  Bare:\n    Type: AWS::Serverless::Function\n  Q:\n    Type: AWS::SQS::Queue\n";
        let root = parse_stream(text, FileId(0)).unwrap().remove(0);
        assert!(is_sam(&root));
        let merged = apply_globals(&root);
        let f = merged.path(&["Resources", "F", "Properties"]).unwrap();
        assert_eq!(f.get("Runtime").unwrap().as_str(), Some("python3.12"));
        assert_eq!(f.get("Timeout").unwrap().as_f64(), Some(10.0));
        let variables = f.path(&["Environment", "Variables"]).unwrap();
        assert_eq!(variables.get("A").unwrap().as_str(), Some("global"));
        assert_eq!(variables.get("B").unwrap().as_str(), Some("own"));
        let layers: Vec<_> = f
            .get("Layers")
            .unwrap()
            .as_seq()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        assert_eq!(layers, ["g", "o"]);
        let bare = merged.path(&["Resources", "Bare", "Properties"]).unwrap();
        assert_eq!(bare.get("Timeout").unwrap().as_f64(), Some(3.0));
        assert!(merged.path(&["Resources", "Q", "Properties"]).is_none());
    }

    #[test]
    fn without_the_transform_globals_are_left_alone() {
        let text = "Globals:\n  Function:\n    Timeout: 3\nResources:\n  F:\n    Type: AWS::Serverless::Function\n";
        let root = parse_stream(text, FileId(0)).unwrap().remove(0);
        assert!(matches!(apply_globals(&root), Cow::Borrowed(_)));
    }
}

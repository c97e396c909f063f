//! CloudFormation intrinsic functions, in both syntaxes (`!Ref X` and `{"Ref": "X"}`).
//!
//! `Ref` to a parameter takes the parameter's `Default`, remembering it as where the value came
//! from; `Ref` to `AWS::NoValue` removes the property; references to resources, pseudo
//! parameters without a given value, `Fn::GetAtt` and `Fn::ImportValue` are unknown but set.
//! Functions that are not evaluated yet are unknown too: never a finding by themselves.

use std::collections::HashMap;

use crate::parse::{Entry, Node, NodeKind, Via};

pub struct Template<'a> {
    parameters: HashMap<&'a str, &'a Node>,
    resources: Vec<&'a str>,
}

impl<'a> Template<'a> {
    pub fn new(root: &'a Node) -> Template<'a> {
        let parameters = root
            .get("Parameters")
            .and_then(Node::as_map)
            .unwrap_or_default()
            .iter()
            .map(|entry| (entry.key.as_str(), &entry.value))
            .collect();
        let resources = root
            .get("Resources")
            .and_then(Node::as_map)
            .unwrap_or_default()
            .iter()
            .map(|entry| entry.key.as_str())
            .collect();
        Template {
            parameters,
            resources,
        }
    }

    /// A copy of `node` with intrinsic functions evaluated or made unknown.
    pub fn resolve(&self, node: &Node) -> Node {
        if let Some((name, argument)) = as_intrinsic(node) {
            return self.intrinsic(name, argument, node);
        }
        let kind = match &node.kind {
            NodeKind::Map(entries) => NodeKind::Map(
                entries
                    .iter()
                    .map(|entry| Entry {
                        key: entry.key.clone(),
                        key_span: entry.key_span,
                        value: self.resolve(&entry.value),
                    })
                    .collect(),
            ),
            NodeKind::Seq(items) => NodeKind::Seq(items.iter().map(|n| self.resolve(n)).collect()),
            other => other.clone(),
        };
        Node {
            span: node.span,
            kind,
            via: node.via.clone(),
        }
    }

    fn intrinsic(&self, name: &str, argument: &Node, node: &Node) -> Node {
        match name {
            "Ref" => self.reference(argument, node),
            "Fn::GetAtt" => {
                Node::unknown(node.span, "an attribute of another resource (Fn::GetAtt)")
            }
            "Fn::ImportValue" => Node::unknown(
                node.span,
                "a value exported by another stack (Fn::ImportValue)",
            ),
            _ => Node::unknown(node.span, format!("{name} is not evaluated")),
        }
    }

    fn reference(&self, argument: &Node, node: &Node) -> Node {
        let Some(target) = argument.as_str() else {
            return Node::unknown(node.span, "Ref to a computed name");
        };
        if target == "AWS::NoValue" {
            return Node::new(node.span, NodeKind::Null);
        }
        if let Some(parameter) = self.parameters.get(target) {
            return match parameter.get("Default") {
                Some(default) => {
                    let mut value = self.resolve(default);
                    value.via.insert(
                        0,
                        Via {
                            span: default.span,
                            note: format!(
                                "the value comes from the default of parameter `{target}`"
                            ),
                        },
                    );
                    value.span = node.span;
                    value
                }
                None => Node::unknown(
                    node.span,
                    format!(
                        "parameter `{target}` has no default; its value is given at deployment"
                    ),
                ),
            };
        }
        if self.resources.contains(&target) {
            return Node::unknown(node.span, format!("a reference to resource `{target}`"));
        }
        Node::unknown(node.span, format!("`{target}` is only known at deployment"))
    }
}

/// Recognises `!Name arg` and `{"Name": arg}` for `Ref`, `Condition` and `Fn::*`.
fn as_intrinsic(node: &Node) -> Option<(&str, &Node)> {
    match &node.kind {
        NodeKind::Tagged(tag, argument) => {
            let short = tag.strip_prefix('!')?;
            let name = match short {
                "Ref" => "Ref",
                "Condition" => "Condition",
                other => return Some((long_name(other)?, argument)),
            };
            Some((name, argument))
        }
        NodeKind::Map(entries) if entries.len() == 1 => {
            let entry = &entries[0];
            (entry.key == "Ref" || entry.key.starts_with("Fn::"))
                .then_some((entry.key.as_str(), &entry.value))
        }
        _ => None,
    }
}

/// The `Fn::` name of a short-form tag.
fn long_name(short: &str) -> Option<&'static str> {
    Some(match short {
        "GetAtt" => "Fn::GetAtt",
        "Sub" => "Fn::Sub",
        "If" => "Fn::If",
        "Join" => "Fn::Join",
        "Select" => "Fn::Select",
        "Split" => "Fn::Split",
        "FindInMap" => "Fn::FindInMap",
        "ImportValue" => "Fn::ImportValue",
        "Base64" => "Fn::Base64",
        "Cidr" => "Fn::Cidr",
        "GetAZs" => "Fn::GetAZs",
        "Equals" => "Fn::Equals",
        "And" => "Fn::And",
        "Or" => "Fn::Or",
        "Not" => "Fn::Not",
        "Transform" => "Fn::Transform",
        "Length" => "Fn::Length",
        "ToJsonString" => "Fn::ToJsonString",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::yaml::parse_stream;
    use crate::source::FileId;

    fn resolve(text: &str, path: &[&str]) -> Node {
        let root = parse_stream(text, FileId(0)).unwrap().remove(0);
        let template = Template::new(&root);
        template.resolve(root.path(path).unwrap())
    }

    const TEMPLATE: &str = "Parameters:\n  Public:\n    Type: String\n    Default: 'true'\n  NoDefault:\n    Type: String\nResources:\n  Key:\n    Type: AWS::KMS::Key\n  C:\n    Type: AWS::EKS::Cluster\n    Properties:\n      A: !Ref Public\n      B: {Ref: NoDefault}\n      C: !GetAtt Key.Arn\n      D: !Ref AWS::NoValue\n      E: !Ref Key\n      F: !Sub '${AWS::Region}'\n";

    #[test]
    fn parameter_defaults_are_used_and_remembered() {
        let a = resolve(TEMPLATE, &["Resources", "C", "Properties", "A"]);
        assert_eq!(a.as_str(), Some("true"));
        assert_eq!(a.via.len(), 1);
        assert!(a.via[0].note.contains("Public"));
        assert_eq!(&TEMPLATE[a.span.range()], "!Ref Public");
        assert_eq!(&TEMPLATE[a.via[0].span.range()], "'true'");
    }

    #[test]
    fn unresolvable_references_are_unknown_and_no_value_is_null() {
        let properties = resolve(TEMPLATE, &["Resources", "C", "Properties"]);
        for key in ["B", "C", "E", "F"] {
            assert!(properties.get(key).unwrap().is_unknown(), "{key}");
        }
        assert!(properties.get("D").unwrap().is_null());
    }
}

//! Telling a CloudFormation template from other JSON and YAML.
//!
//! A template says so (`AWSTemplateFormatVersion`, the SAM `Transform`), or its `Resources` map
//! holds resource declarations: every entry a map whose `Type` is a CloudFormation type name
//! (`AWS::S3::Bucket`, `Custom::Thing`, a registry type `Org::Service::Thing`, a `::MODULE`),
//! at least one of them an `AWS::`, `Custom::` or `Alexa::` type. That keeps out a Kubernetes
//! manifest, a `package.json`, or an OpenAPI document with a `Resources` schema, and keeps in
//! CDK output and hand-written templates without a version line.

use crate::parse::{Node, NodeKind};

pub fn is_template(root: &Node) -> bool {
    if root.as_map().is_none() {
        return false;
    }
    if root
        .get("AWSTemplateFormatVersion")
        .is_some_and(|version| matches!(version.kind, NodeKind::Str(_)))
    {
        return true;
    }
    if super::sam::is_sam(root) {
        return true;
    }
    // A Kubernetes object is never a template, whatever its fields are called.
    if root.get("apiVersion").is_some() && root.get("kind").is_some() {
        return false;
    }
    let Some(resources) = root.get("Resources").and_then(Node::as_map) else {
        return false;
    };
    let types: Option<Vec<&str>> = resources
        .iter()
        .map(|entry| entry.value.get("Type").and_then(Node::as_str))
        .collect();
    let Some(types) = types else { return false };
    !types.is_empty()
        && types.iter().all(|t| is_type_name(t))
        && types.iter().any(|t| {
            ["AWS::", "Custom::", "Alexa::"]
                .iter()
                .any(|prefix| t.starts_with(prefix))
        })
}

/// `Custom::Name`, or `Org::Service::Resource` with an optional `::MODULE`.
fn is_type_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split("::").collect();
    let word = |p: &&str| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let custom = parts.len() == 2 && parts[0] == "Custom";
    let regular = parts.len() == 3 || (parts.len() == 4 && parts[3] == "MODULE");
    (custom || regular) && parts.iter().all(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{json, yaml};
    use crate::source::FileId;

    fn yaml_doc(text: &str) -> Node {
        yaml::parse_stream(text, FileId(0)).unwrap().remove(0)
    }

    #[test]
    fn templates_are_recognised() {
        assert!(is_template(&yaml_doc(
            "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n"
        )));
        assert!(is_template(&yaml_doc(
            "Resources:\n  B:\n    Type: AWS::S3::Bucket\n  C:\n    Type: Custom::Thing\n  M:\n    Type: My::Org::Bucket::MODULE\n"
        )));
        assert!(is_template(&yaml_doc(
            "Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n"
        )));
        let cdk = r#"{"Resources": {"CDKMetadata": {"Type": "AWS::CDK::Metadata", "Properties": {}}},
                      "Parameters": {"BootstrapVersion": {"Type": "AWS::SSM::Parameter::Value<String>"}}}"#;
        assert!(is_template(&json::parse(cdk, FileId(0)).unwrap()));
    }

    #[test]
    fn other_documents_are_not_templates() {
        let manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nResources:\n  a:\n    Type: AWS::S3::Bucket\n";
        assert!(!is_template(&yaml_doc(manifest)));
        let package = r#"{"name": "x", "version": "1.0.0", "scripts": {"build": "tsc"}}"#;
        assert!(!is_template(&json::parse(package, FileId(0)).unwrap()));
        let openapi = "openapi: 3.0.0\nResources:\n  Pet:\n    type: object\n    properties: {}\n";
        assert!(!is_template(&yaml_doc(openapi)));
        let lookalike = "Resources:\n  Pet:\n    Type: Dog breed\n";
        assert!(!is_template(&yaml_doc(lookalike)));
        let registry_only = "Resources:\n  A:\n    Type: Some::Other::Thing\n";
        assert!(!is_template(&yaml_doc(registry_only)));
        assert!(!is_template(&yaml_doc("Resources: {}\n")));
        assert!(!is_template(&yaml_doc("- AWSTemplateFormatVersion\n")));
    }
}

//! Directives kept in the resource itself rather than in comments: CloudFormation `Metadata`
//! (ours, cfn_nag's `rules_to_suppress`, Checkov's `skip`, cfn-lint's `ignore_checks`) and
//! Kubernetes annotations (`ignore.iacguard.io/<rule>`, kube-linter's
//! `ignore-check.kube-linter.io/<check>`, Checkov's `checkov.io/skip<N>`).

use crate::parse::{Node, NodeKind};
use crate::source::Span;

use super::date::Date;
use super::directive::{annotation, Dialect, Directive};

/// Directives in a CloudFormation resource's `Metadata`.
pub fn cloudformation(metadata: &Node) -> Vec<(Directive, Span)> {
    let mut found = Vec::new();
    let lists = [
        (Dialect::Iacguard, &["iacguard", "ignore"][..], "reason"),
        (
            Dialect::CfnNag,
            &["cfn_nag", "rules_to_suppress"][..],
            "reason",
        ),
        (Dialect::Checkov, &["checkov", "skip"][..], "comment"),
    ];
    for (dialect, path, reason_key) in lists {
        for item in metadata
            .path(path)
            .and_then(Node::as_seq)
            .unwrap_or_default()
        {
            let rule = ["id", "rule"]
                .iter()
                .find_map(|key| item.get(key).and_then(Node::as_str));
            let Some(rule) = rule else { continue };
            found.push((
                Directive {
                    dialect,
                    rules: vec![rule.to_string()],
                    reason: text(item.get(reason_key)),
                    until: item
                        .get("until")
                        .and_then(Node::as_str)
                        .and_then(Date::parse),
                },
                item.span,
            ));
        }
    }
    let ignore_checks = metadata.path(&["cfn-lint", "config", "ignore_checks"]);
    for item in ignore_checks.and_then(Node::as_seq).unwrap_or_default() {
        if let Some(check) = item.as_str() {
            found.push((
                Directive {
                    dialect: Dialect::CfnLint,
                    rules: vec![check.to_string()],
                    reason: String::new(),
                    until: None,
                },
                item.span,
            ));
        }
    }
    found
}

/// Directives in a Kubernetes object's `metadata.annotations`.
pub fn kubernetes(object: &Node) -> Vec<(Directive, Span)> {
    let Some(NodeKind::Map(annotations)) = object
        .path(&["metadata", "annotations"])
        .map(|node| &node.kind)
    else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in annotations {
        let value = entry.value.as_str().unwrap_or("");
        let span = entry.key_span.to(entry.value.span);
        if let Some(rule) = entry.key.strip_prefix("ignore.iacguard.io/") {
            found.push((annotation(Dialect::Iacguard, rule, value), span));
        } else if let Some(check) = entry.key.strip_prefix("ignore-check.kube-linter.io/") {
            found.push((annotation(Dialect::KubeLinter, check, value), span));
        } else if entry.key.starts_with("checkov.io/skip") {
            let (id, reason) = value.split_once('=').unwrap_or((value, ""));
            found.push((annotation(Dialect::Checkov, id.trim(), reason), span));
        }
    }
    found
}

fn text(node: Option<&Node>) -> String {
    node.and_then(Node::as_str).unwrap_or("").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::yaml::parse_stream;
    use crate::source::FileId;

    fn node(text: &str) -> Node {
        parse_stream(text, FileId(0)).unwrap().remove(0)
    }

    #[test]
    fn cloudformation_metadata_in_every_dialect() {
        let metadata = node(
            "iacguard:\n  ignore:\n    - rule: AWS-EKS-002\n      reason: VPN only\n      until: 2027-01-01\ncfn_nag:\n  rules_to_suppress:\n    - id: F1\n      reason: scratch\ncheckov:\n  skip:\n    - id: CKV_AWS_58\n      comment: later\ncfn-lint:\n  config:\n    ignore_checks: [E3012]\n",
        );
        let found: Vec<_> = cloudformation(&metadata)
            .into_iter()
            .map(|(d, _)| (d.dialect, d.rules[0].clone(), d.reason))
            .collect();
        assert_eq!(
            found,
            vec![
                (Dialect::Iacguard, "AWS-EKS-002".into(), "VPN only".into()),
                (Dialect::CfnNag, "F1".into(), "scratch".into()),
                (Dialect::Checkov, "CKV_AWS_58".into(), "later".into()),
                (Dialect::CfnLint, "E3012".into(), String::new()),
            ]
        );
    }

    #[test]
    fn kubernetes_annotations_in_every_dialect() {
        let object = node(
            "metadata:\n  annotations:\n    ignore.iacguard.io/K8S-POD-001: node agent\n    ignore-check.kube-linter.io/privileged-container: needs devices\n    checkov.io/skip1: CKV_K8S_16=legacy\n    team: payments\n",
        );
        let found: Vec<_> = kubernetes(&object)
            .into_iter()
            .map(|(d, _)| (d.dialect, d.rules[0].clone(), d.reason))
            .collect();
        assert_eq!(found.len(), 3);
        assert_eq!(
            found[2],
            (Dialect::Checkov, "CKV_K8S_16".into(), "legacy".into())
        );
    }
}

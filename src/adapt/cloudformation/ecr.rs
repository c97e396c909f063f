//! `AWS::ECR::Repository` to [`Repository`] (with its `RepositoryPolicyText`) and
//! `AWS::ECR::RegistryScanningConfiguration` to [`RegistryScanning`].

use crate::adapt::read::{bool_field, field, str_field};
use crate::model::aws::ecr::{RegistryScanning, Repository, ScanRule};
use crate::model::aws::iam::Document;
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn repository(properties: &Node, header: Span) -> Repository {
    let scanning = field(Some(properties), "ImageScanningConfiguration");
    let encryption = field(Some(properties), "EncryptionConfiguration");
    Repository {
        name: str_field(Some(properties), "RepositoryName"),
        scan_on_push: in_block(scanning, "ScanOnPush", header, false, bool_field),
        tag_mutability: str_field(Some(properties), "ImageTagMutability")
            .unwrap_or_else(|| Val::default("MUTABLE".to_string(), header)),
        encryption_type: in_block(
            encryption,
            "EncryptionType",
            header,
            "AES256".to_string(),
            str_field,
        ),
        policy: field(Some(properties), "RepositoryPolicyText").map(Document::read),
    }
}

/// A setting inside an optional block: unknown when the block is, else its value or the
/// default (located at the block, or at the resource when the block is absent).
fn in_block<T>(
    block: Option<&Node>,
    key: &str,
    header: Span,
    default: T,
    read: fn(Option<&Node>, &str) -> Option<Val<T>>,
) -> Val<T> {
    match block {
        Some(b) if b.is_unknown() => Val::from_node(b, "a block", |_| None),
        _ => read(block, key)
            .unwrap_or_else(|| Val::default(default, block.map_or(header, |b| b.span))),
    }
}

pub fn registry_scanning(properties: &Node) -> RegistryScanning {
    let Some(rules) = field(Some(properties), "Rules") else {
        return RegistryScanning { rules: Vec::new() };
    };
    let Some(items) = rules.as_seq() else {
        // Unknown rules may scan anything.
        return RegistryScanning {
            rules: vec![ScanRule {
                span: rules.span,
                frequency: Val::from_str_node(rules),
                filters: Val::from_node(rules, "a list", |_| None),
            }],
        };
    };
    let rules = items
        .iter()
        .map(|rule| ScanRule {
            span: rule.span,
            frequency: field(Some(rule), "ScanFrequency").map_or_else(
                || Val::unknown("no `ScanFrequency`", rule.span),
                Val::from_str_node,
            ),
            filters: match field(Some(rule), "RepositoryFilters") {
                Some(filters) => Val::from_node(filters, "a list of filters", |n| {
                    n.as_seq().map(|items| {
                        items
                            .iter()
                            .map(|item| match field(Some(item), "Filter") {
                                Some(filter) => Val::from_str_node(filter),
                                None => Val::from_node(item, "a filter", |_| None),
                            })
                            .collect()
                    })
                }),
                None => Val::unknown("no `RepositoryFilters`", rule.span),
            },
        })
        .collect();
    RegistryScanning { rules }
}

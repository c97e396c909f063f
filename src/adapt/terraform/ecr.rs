//! `aws_ecr_repository` to [`Repository`], `aws_ecr_repository_policy` to
//! [`RepositoryPolicy`], `aws_ecr_registry_scanning_configuration` to [`RegistryScanning`].

use super::elb::target;
use crate::adapt::read::{bool_field, field, str_field};
use crate::model::aws::ecr::{RegistryScanning, Repository, RepositoryPolicy, ScanRule};
use crate::model::aws::iam::Document;
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

pub fn repository(body: &Node, header: Span) -> Repository {
    let scanning = field(Some(body), "image_scanning_configuration");
    let encryption = field(Some(body), "encryption_configuration");
    Repository {
        name: str_field(Some(body), "name"),
        scan_on_push: bool_field(scanning, "scan_on_push")
            .unwrap_or_else(|| Val::default(false, scanning.map_or(header, |b| b.span))),
        tag_mutability: str_field(Some(body), "image_tag_mutability")
            .unwrap_or_else(|| Val::default("MUTABLE".to_string(), header)),
        encryption_type: str_field(encryption, "encryption_type").unwrap_or_else(|| {
            Val::default("AES256".to_string(), encryption.map_or(header, |b| b.span))
        }),
        policy: None,
    }
}

/// The repository is named by name (`aws_ecr_repository.x.name`), so the target is the
/// referenced resource, or the literal name.
pub fn repository_policy(body: &Node) -> RepositoryPolicy {
    RepositoryPolicy {
        document: field(Some(body), "policy").map_or_else(
            || Document::read(&Node::new(body.span, crate::parse::NodeKind::Null)),
            Document::read,
        ),
        repository: target(field(Some(body), "repository")),
    }
}

pub fn registry_scanning(body: &Node) -> RegistryScanning {
    let rules = body
        .as_map()
        .unwrap_or_default()
        .iter()
        .filter(|entry| entry.key == "rule")
        .map(|entry| {
            let rule = &entry.value;
            let filters = body_filters(rule, entry.key_span);
            ScanRule {
                span: entry.key_span,
                frequency: str_field(Some(rule), "scan_frequency")
                    .unwrap_or_else(|| Val::unknown("no `scan_frequency`", entry.key_span)),
                filters,
            }
        })
        .collect();
    RegistryScanning { rules }
}

/// The `filter` of every `repository_filter` block of a rule.
fn body_filters(rule: &Node, span: Span) -> Val<Vec<Val<String>>> {
    if rule.is_unknown() {
        return Val::from_node(rule, "a block", |_| None);
    }
    let filters = rule
        .as_map()
        .unwrap_or_default()
        .iter()
        .filter(|entry| entry.key == "repository_filter")
        .map(|entry| {
            str_field(Some(&entry.value), "filter")
                .unwrap_or_else(|| Val::unknown("no `filter`", entry.key_span))
        })
        .collect();
    Val::known(filters, span)
}

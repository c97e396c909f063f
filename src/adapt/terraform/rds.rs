//! `aws_db_instance` and `aws_rds_cluster` to [`Database`], `aws_db_parameter_group` and
//! `aws_rds_cluster_parameter_group` to [`ParameterGroup`].

use crate::adapt::read::{bool_field, field, str_field, str_value};
use crate::model::aws::rds::{Database, Parameter, ParameterGroup};
use crate::model::Val;
use crate::parse::Node;
use crate::source::Span;

use super::link::link;

pub fn database(body: &Node, header: Span, cluster: bool) -> Database {
    let inherits = [
        "replicate_source_db",
        "snapshot_identifier",
        "replication_source_identifier",
        "restore_to_point_in_time",
        "s3_import",
    ]
    .iter()
    .any(|key| is_set(body, key));
    // Aurora Serverless v1 storage is always encrypted.
    let serverless_v1 = cluster && str_value(Some(body), "engine_mode") == Some("serverless");
    let group_key = if cluster {
        "db_cluster_parameter_group_name"
    } else {
        "parameter_group_name"
    };
    Database {
        cluster,
        engine: str_field(Some(body), "engine"),
        engine_version: str_field(Some(body), "engine_version"),
        inherits,
        storage_encrypted: bool_field(Some(body), "storage_encrypted")
            .unwrap_or_else(|| Val::default(serverless_v1, header)),
        publicly_accessible: bool_field(Some(body), "publicly_accessible"),
        iam_auth: bool_field(Some(body), "iam_database_authentication_enabled")
            .unwrap_or_else(|| Val::default(false, header)),
        backup_retention: field(Some(body), "backup_retention_period")
            .map(number)
            .unwrap_or_else(|| Val::default(1.0, header)),
        parameter_group: field(Some(body), group_key)
            .filter(|_| is_set(body, group_key))
            .map(link),
    }
}

pub fn parameter_group(body: &Node, cluster: bool) -> ParameterGroup {
    let parameters = body
        .as_map()
        .unwrap_or_default()
        .iter()
        .filter(|entry| entry.key == "parameter")
        .map(|entry| Parameter {
            name: str_field(Some(&entry.value), "name")
                .unwrap_or_else(|| Val::unknown("a parameter without a name", entry.key_span)),
            value: str_field(Some(&entry.value), "value")
                .unwrap_or_else(|| Val::unknown("a parameter without a value", entry.key_span)),
        })
        .collect();
    ParameterGroup {
        cluster,
        name: str_field(Some(body), "name"),
        parameters: Val::known(parameters, body.span),
    }
}

/// Whether `key` holds a value: plan JSON writes `""` for unset string attributes.
fn is_set(body: &Node, key: &str) -> bool {
    field(Some(body), key).is_some_and(|value| value.as_str() != Some(""))
}

/// A number, or a string holding one.
pub fn number(node: &Node) -> Val<f64> {
    Val::from_node(node, "a number", |n| {
        n.as_f64()
            .or_else(|| n.as_str().and_then(|s| s.trim().parse().ok()))
    })
}

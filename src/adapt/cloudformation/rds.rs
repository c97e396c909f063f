//! `AWS::RDS::DBInstance` and `AWS::RDS::DBCluster` to [`Database`];
//! `AWS::RDS::DBParameterGroup` and `AWS::RDS::DBClusterParameterGroup` to [`ParameterGroup`].

use crate::adapt::read::{bool_field, field, str_field, str_value};
use crate::model::aws::rds::{Database, Parameter, ParameterGroup};
use crate::model::Val;
use crate::parse::{Node, NodeKind};
use crate::source::Span;

use super::link::link;

pub fn database(properties: &Node, header: Span, cluster: bool) -> Database {
    let inherits = [
        "DBClusterIdentifier",
        "SourceDBInstanceIdentifier",
        "SourceDBClusterIdentifier",
        "DBSnapshotIdentifier",
        "SnapshotIdentifier",
        "RestoreType",
        "SourceDbClusterResourceId",
    ]
    .iter()
    .any(|key| field(Some(properties), key).is_some());
    let serverless_v1 = cluster && str_value(Some(properties), "EngineMode") == Some("serverless");
    let group_key = if cluster {
        "DBClusterParameterGroupName"
    } else {
        "DBParameterGroupName"
    };
    Database {
        cluster,
        engine: str_field(Some(properties), "Engine"),
        engine_version: str_field(Some(properties), "EngineVersion"),
        inherits,
        storage_encrypted: bool_field(Some(properties), "StorageEncrypted")
            .unwrap_or_else(|| Val::default(serverless_v1, header)),
        publicly_accessible: bool_field(Some(properties), "PubliclyAccessible"),
        iam_auth: bool_field(Some(properties), "EnableIAMDatabaseAuthentication")
            .unwrap_or_else(|| Val::default(false, header)),
        backup_retention: field(Some(properties), "BackupRetentionPeriod")
            .map(number)
            .unwrap_or_else(|| Val::default(1.0, header)),
        parameter_group: field(Some(properties), group_key).map(link),
    }
}

/// `Parameters` is a map of parameter name to value.
pub fn parameter_group(properties: &Node, header: Span, cluster: bool) -> ParameterGroup {
    let parameters = match field(Some(properties), "Parameters") {
        None => Val::default(Vec::new(), header),
        Some(node) => Val::from_node(node, "a map of parameters", |node| match &node.kind {
            NodeKind::Map(entries) => Some(
                entries
                    .iter()
                    .map(|entry| Parameter {
                        name: Val::known(entry.key.clone(), entry.key_span),
                        value: Val::from_str_node(&entry.value),
                    })
                    .collect(),
            ),
            _ => None,
        }),
    };
    ParameterGroup {
        cluster,
        // CloudFormation names groups itself unless `DBParameterGroupName` is given.
        name: str_field(Some(properties), "DBParameterGroupName")
            .or_else(|| str_field(Some(properties), "DBClusterParameterGroupName")),
        parameters,
    }
}

fn number(node: &Node) -> Val<f64> {
    Val::from_node(node, "a number", |n| {
        n.as_f64()
            .or_else(|| n.as_str().and_then(|s| s.trim().parse().ok()))
    })
}

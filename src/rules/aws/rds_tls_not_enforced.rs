use crate::check::Context;
use crate::finding::{Related, Reporter};
use crate::model::aws::link::{may_reach, Link};
use crate::model::aws::rds::{Database, ParameterGroup, CLUSTER_PARAMETER_GROUP, PARAMETER_GROUP};
use crate::model::{Kind, Resource, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags RDS databases whose parameter group lets clients connect without TLS:
    /// `rds.force_ssl` (PostgreSQL, SQL Server) or `require_secure_transport` (MySQL, MariaDB)
    /// is not `1`/`ON`.
    ///
    /// ## Why is this bad?
    /// Without the parameter, the server accepts unencrypted connections, and a client that
    /// does not insist on TLS — a misconfigured driver, a debug pod — sends credentials and
    /// query results in clear text across the VPC. The parameter makes the server refuse them.
    ///
    /// The database's parameter group is followed to its resource in the same template or
    /// module (`parameter_group_name = aws_db_parameter_group.pg.name`,
    /// `DBParameterGroupName: !Ref Params`, or its literal name). A database on the engine's
    /// default group has the engine's default: off for MySQL, MariaDB, Aurora MySQL, SQL Server
    /// and PostgreSQL before 15; on for PostgreSQL 15 and later. Nothing is reported when the
    /// group is not part of the scan, the engine or its version cannot be told, or the
    /// default is unclear (Aurora PostgreSQL): only an explicit `0` is reported there. For
    /// Aurora, the cluster's parameter group decides.
    ///
    /// ## How to fix
    /// Use a parameter group that sets `rds.force_ssl` to `1` (PostgreSQL, SQL Server) or
    /// `require_secure_transport` to `1` (MySQL, MariaDB).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_db_parameter_group" "pg" {
    ///   name   = "app-postgres16"
    ///   family = "postgres16"
    ///   parameter {
    ///     name  = "rds.force_ssl"
    ///     value = "0"
    ///   }
    /// }
    /// resource "aws_db_instance" "app" {
    ///   engine               = "postgres"
    ///   engine_version       = "16.3"
    ///   instance_class       = "db.t4g.medium"
    ///   storage_encrypted    = true
    ///   parameter_group_name = aws_db_parameter_group.pg.name
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_db_parameter_group" "pg" {
    ///   name   = "app-postgres16"
    ///   family = "postgres16"
    ///   parameter {
    ///     name  = "rds.force_ssl"
    ///     value = "1"
    ///   }
    /// }
    /// resource "aws_db_instance" "app" {
    ///   engine               = "postgres"
    ///   engine_version       = "16.3"
    ///   instance_class       = "db.t4g.medium"
    ///   storage_encrypted    = true
    ///   parameter_group_name = aws_db_parameter_group.pg.name
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   App:
    ///     Type: AWS::RDS::DBInstance
    ///     Properties:
    ///       Engine: mysql
    ///       EngineVersion: "8.0.39"
    ///       DBInstanceClass: db.t4g.medium
    ///       StorageEncrypted: true
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Params:
    ///     Type: AWS::RDS::DBParameterGroup
    ///     Properties:
    ///       Family: mysql8.0
    ///       Description: TLS only
    ///       Parameters:
    ///         require_secure_transport: "1"
    ///   App:
    ///     Type: AWS::RDS::DBInstance
    ///     Properties:
    ///       Engine: mysql
    ///       EngineVersion: "8.0.39"
    ///       DBInstanceClass: db.t4g.medium
    ///       StorageEncrypted: true
    ///       DBParameterGroupName: !Ref Params
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {
    ///   "Params": {"Type": "AWS::RDS::DBClusterParameterGroup", "Properties": {
    ///     "Family": "aurora-mysql8.0", "Description": "defaults",
    ///     "Parameters": {"time_zone": "UTC"}}},
    ///   "App": {"Type": "AWS::RDS::DBCluster", "Properties": {
    ///     "Engine": "aurora-mysql", "StorageEncrypted": true,
    ///     "DBClusterParameterGroupName": {"Ref": "Params"}}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {
    ///   "Params": {"Type": "AWS::RDS::DBClusterParameterGroup", "Properties": {
    ///     "Family": "aurora-mysql8.0", "Description": "TLS only",
    ///     "Parameters": {"require_secure_transport": "ON"}}},
    ///   "App": {"Type": "AWS::RDS::DBCluster", "Properties": {
    ///     "Engine": "aurora-mysql", "StorageEncrypted": true,
    ///     "DBClusterParameterGroupName": {"Ref": "Params"}}}}}
    /// ```
    ///
    /// ## References
    /// - [Using SSL/TLS to encrypt a connection to a DB instance](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html)
    /// - [Requiring SSL/TLS for all connections to a MySQL DB instance](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html)
    /// - NIST 800-53 SC-8
    pub RdsTlsNotEnforced {
        id: "AWS-RDS-003",
        name: "rds-tls-not-enforced",
        severity: Medium,
        refs: ["NIST 800-53 SC-8"],
        fix: "use a parameter group that sets `rds.force_ssl` or `require_secure_transport` to 1",
    }
}

/// The parameter that enforces TLS for an engine, and whether the engine's default already
/// does (`None`: unclear, so only an explicit setting decides).
fn tls_parameter(db: &Database) -> Option<(&'static str, Option<bool>)> {
    let engine = db.engine.as_ref()?.get()?.as_str();
    let major = db
        .engine_version
        .as_ref()
        .and_then(|v| v.get())
        .and_then(|v| v.split('.').next()?.parse::<u32>().ok());
    match engine {
        "mysql" | "mariadb" | "aurora" | "aurora-mysql" => {
            // RDS for MySQL 8.4 and later changes defaults; be sure only before it.
            let before_8_4 = db
                .engine_version
                .as_ref()
                .and_then(|v| v.get())
                .is_some_and(|v| v.starts_with("5.") || v.starts_with("8.0"));
            let known_off = engine != "mysql" || before_8_4;
            Some(("require_secure_transport", known_off.then_some(false)))
        }
        "postgres" => Some(("rds.force_ssl", major.map(|m| m >= 15))),
        "aurora-postgresql" => Some(("rds.force_ssl", None)),
        _ if engine.starts_with("sqlserver") => Some(("rds.force_ssl", Some(false))),
        _ => None,
    }
}

/// Whether a parameter value turns TLS enforcement on (`None` when it is not a known switch).
fn enforces(value: &str) -> Option<bool> {
    match value.trim().to_ascii_uppercase().as_str() {
        "1" | "ON" | "TRUE" => Some(true),
        "0" | "OFF" | "FALSE" => Some(false),
        _ => None,
    }
}

impl Check for RdsTlsNotEnforced {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Kind::RdsDatabase(db) = &resource.kind else {
            return;
        };
        let aurora = db
            .engine
            .as_ref()
            .and_then(|e| e.get())
            .is_some_and(|e| e.starts_with("aurora"));
        if db.inherits || (aurora && !db.cluster) {
            return;
        }
        let Some((parameter, default_on)) = tls_parameter(db) else {
            return;
        };
        let attr = if db.cluster {
            &CLUSTER_PARAMETER_GROUP
        } else {
            &PARAMETER_GROUP
        };
        let group_name = out.name(attr);
        let Some(link) = &db.parameter_group else {
            if default_on == Some(false) {
                let message = format!("connections without TLS are accepted: `{group_name}` is not set, and the engine's default parameter group leaves `{parameter}` off");
                out.report_missing(attr, message);
            }
            return;
        };
        let Some(target) = link.get() else {
            return;
        };
        if matches!(target, Link::Name(name) if name.starts_with("default.")) {
            if default_on == Some(false) {
                let message = format!("connections without TLS are accepted: the engine's default parameter group leaves `{parameter}` off");
                out.report_value(attr, link, message);
            }
            return;
        }
        // The groups of the scan this database may use; any doubt means silence.
        let mut groups: Vec<(&Resource, &ParameterGroup)> = Vec::new();
        for other in cx.resources {
            let Kind::RdsParameterGroup(group) = &other.kind else {
                continue;
            };
            if group.cluster != db.cluster || !may_reach(resource, other) {
                continue;
            }
            let name = group
                .name
                .as_ref()
                .and_then(|n| n.get())
                .map(String::as_str);
            match target.points_at(resource, other, name, cx.resources) {
                Some(true) => groups.push((other, group)),
                Some(false) => {}
                None => return,
            }
        }
        let [(_, group)] = groups.as_slice() else {
            return; // Not in the scan (or ambiguous): its parameters cannot be known.
        };
        match group.parameter(parameter) {
            Some(Err(())) => {}
            Some(Ok(value)) if value.get().and_then(|v| enforces(v)) == Some(false) => {
                let message = format!(
                    "connections without TLS are accepted: the parameter group sets `{parameter}` to `{}`",
                    value.get().map_or("", String::as_str)
                );
                report_with_group(out, attr, link, value, message);
            }
            Some(Ok(_)) => {}
            None if default_on == Some(false) => {
                let message = format!("connections without TLS are accepted: the parameter group does not set `{parameter}`, which is off by default");
                out.report_value(attr, link, message);
            }
            None => {}
        }
    }
}

/// Reports at the database's parameter group setting, with the parameter's value as the place
/// that explains it.
fn report_with_group<L>(
    out: &mut Reporter,
    attr: &crate::model::Attr,
    link: &Val<L>,
    value: &Val<String>,
    message: String,
) {
    let related = vec![Related {
        span: value.span(),
        message: "the parameter group sets the value here".to_string(),
    }];
    out.report_with_related(link.span(), attr, message, related);
}

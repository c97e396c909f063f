//! Amazon RDS databases and parameter groups (`AWS::RDS::DBInstance`, `AWS::RDS::DBCluster`,
//! `AWS::RDS::DBParameterGroup`, `AWS::RDS::DBClusterParameterGroup`, `aws_db_instance`,
//! `aws_rds_cluster`, `aws_db_parameter_group`, `aws_rds_cluster_parameter_group`).

use crate::model::aws::link::Link;
use crate::model::{Attr, Val};

/// A DB instance or a DB cluster (Aurora or Multi-AZ).
#[derive(Debug)]
pub struct Database {
    /// A cluster rather than an instance.
    pub cluster: bool,
    /// The engine (`postgres`, `aurora-mysql`, ...), when given.
    pub engine: Option<Val<String>>,
    pub engine_version: Option<Val<String>>,
    /// Storage, backups and parameters come from elsewhere: an instance that is a member of a
    /// cluster, a read replica, or a database restored from a snapshot. Rules about those
    /// settings say nothing about such a database.
    pub inherits: bool,
    /// Whether storage is encrypted (default: false; Aurora Serverless v1: always true).
    pub storage_encrypted: Val<bool>,
    /// Whether the database gets a public IP address. Only an explicit `true` is known: the
    /// default depends on the subnets.
    pub publicly_accessible: Option<Val<bool>>,
    /// IAM database authentication (default: false).
    pub iam_auth: Val<bool>,
    /// Days automated backups are kept (default: 1; 0 turns backups off).
    pub backup_retention: Val<f64>,
    /// The parameter group; `None` means the engine's default group.
    pub parameter_group: Option<Val<Link>>,
}

/// A DB or DB cluster parameter group.
#[derive(Debug)]
pub struct ParameterGroup {
    /// A cluster parameter group rather than an instance one.
    pub cluster: bool,
    /// The group's name, when known (Terraform may generate one).
    pub name: Option<Val<String>>,
    /// The parameters it sets; unknown when given as a whole by an expression.
    pub parameters: Val<Vec<Parameter>>,
}

#[derive(Debug)]
pub struct Parameter {
    pub name: Val<String>,
    pub value: Val<String>,
}

impl ParameterGroup {
    /// The value the group gives `name`: `None` when it does not set it, an unknown `Val` when
    /// some parameter's name cannot be read (it might be this one).
    pub fn parameter(&self, name: &str) -> Option<Result<&Val<String>, ()>> {
        let parameters = match self.parameters.get() {
            Some(parameters) => parameters,
            None => return Some(Err(())),
        };
        let mut found = None;
        for parameter in parameters {
            match parameter.name.get() {
                Some(own) if own.eq_ignore_ascii_case(name) => found = Some(Ok(&parameter.value)),
                Some(_) => {}
                None => return Some(Err(())),
            }
        }
        found
    }
}

pub const STORAGE_ENCRYPTED: Attr = Attr {
    id: "storage_encrypted",
    terraform: "storage_encrypted",
    cloudformation: "StorageEncrypted",
    kubernetes: "storage_encrypted",
};
pub const PUBLICLY_ACCESSIBLE: Attr = Attr {
    id: "publicly_accessible",
    terraform: "publicly_accessible",
    cloudformation: "PubliclyAccessible",
    kubernetes: "publicly_accessible",
};
pub const IAM_AUTH: Attr = Attr {
    id: "iam_database_authentication_enabled",
    terraform: "iam_database_authentication_enabled",
    cloudformation: "EnableIAMDatabaseAuthentication",
    kubernetes: "iam_database_authentication_enabled",
};
pub const BACKUP_RETENTION: Attr = Attr {
    id: "backup_retention_period",
    terraform: "backup_retention_period",
    cloudformation: "BackupRetentionPeriod",
    kubernetes: "backup_retention_period",
};
/// The instance's or the cluster's parameter group setting; rules pick by [`Database::cluster`].
pub const PARAMETER_GROUP: Attr = Attr {
    id: "parameter_group_name",
    terraform: "parameter_group_name",
    cloudformation: "DBParameterGroupName",
    kubernetes: "parameter_group_name",
};
pub const CLUSTER_PARAMETER_GROUP: Attr = Attr {
    id: "db_cluster_parameter_group_name",
    terraform: "db_cluster_parameter_group_name",
    cloudformation: "DBClusterParameterGroupName",
    kubernetes: "db_cluster_parameter_group_name",
};

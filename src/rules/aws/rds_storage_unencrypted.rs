use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::rds::STORAGE_ENCRYPTED;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags RDS DB instances and DB clusters whose storage is not encrypted at rest.
    ///
    /// ## Why is this bad?
    /// The database files, its automated backups, read replicas and snapshots are all
    /// unencrypted: a snapshot shared by mistake or copied by a compromised role exposes every
    /// row. RDS storage is unencrypted unless `storage_encrypted` / `StorageEncrypted` says
    /// otherwise, and encryption cannot be turned on later without a snapshot-and-restore.
    /// Databases that take their storage from elsewhere — members of a cluster, read replicas,
    /// restores from a snapshot — are not reported, and Aurora Serverless v1 is always
    /// encrypted.
    ///
    /// ## How to fix
    /// Set `storage_encrypted = true` (`StorageEncrypted: true`), ideally with a customer
    /// managed KMS key (`kms_key_id` / `KmsKeyId`).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_db_instance" "app" {
    ///   engine                  = "postgres"
    ///   engine_version          = "16.3"
    ///   instance_class          = "db.t4g.medium"
    ///   allocated_storage       = 20
    ///   backup_retention_period = 7
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_db_instance" "app" {
    ///   engine                  = "postgres"
    ///   engine_version          = "16.3"
    ///   instance_class          = "db.t4g.medium"
    ///   allocated_storage       = 20
    ///   backup_retention_period = 7
    ///   storage_encrypted       = true
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   Aurora:
    ///     Type: AWS::RDS::DBCluster
    ///     Properties:
    ///       Engine: aurora-postgresql
    ///       StorageEncrypted: false
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   Aurora:
    ///     Type: AWS::RDS::DBCluster
    ///     Properties:
    ///       Engine: aurora-postgresql
    ///       StorageEncrypted: true
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"App": {"Type": "AWS::RDS::DBInstance", "Properties": {
    ///   "Engine": "mysql", "DBInstanceClass": "db.t4g.medium", "AllocatedStorage": "20"}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"App": {"Type": "AWS::RDS::DBInstance", "Properties": {
    ///   "Engine": "mysql", "DBInstanceClass": "db.t4g.medium", "AllocatedStorage": "20",
    ///   "StorageEncrypted": true}}}}
    /// ```
    ///
    /// ## References
    /// - [Encrypting Amazon RDS resources](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html)
    /// - CIS AWS Foundations Benchmark v3.0.0 2.3.1; NIST 800-53 SC-28
    pub RdsStorageUnencrypted {
        id: "AWS-RDS-001",
        name: "rds-storage-unencrypted",
        severity: High,
        refs: ["CIS AWS 2.3.1", "NIST 800-53 SC-28"],
        fix: "set `storage_encrypted` / `StorageEncrypted` to true",
    }
}

impl Check for RdsStorageUnencrypted {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::RdsDatabase(db) = &resource.kind else {
            return;
        };
        if db.inherits || !db.storage_encrypted.is_false() {
            return;
        }
        let name = out.name(&STORAGE_ENCRYPTED);
        let what = if db.cluster {
            "DB cluster"
        } else {
            "DB instance"
        };
        let message = if db.storage_encrypted.is_default() {
            format!(
                "the {what}'s storage is not encrypted: `{name}` is not set and defaults to false"
            )
        } else {
            format!("the {what}'s storage is not encrypted: `{name}` is false")
        };
        out.report_value(&STORAGE_ENCRYPTED, &db.storage_encrypted, message);
    }
}

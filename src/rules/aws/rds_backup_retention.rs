use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::rds::BACKUP_RETENTION;
use crate::model::{Kind, Resource};
use crate::rules::Check;

/// Fewer days than this leave too little time to notice a problem and restore.
const MINIMUM_DAYS: f64 = 7.0;

declare_rule! {
    /// ## What it does
    /// Flags RDS DB instances and DB clusters that keep automated backups for fewer than
    /// 7 days, or not at all.
    ///
    /// ## Why is this bad?
    /// Automated backups are what point-in-time recovery restores from after ransomware, a
    /// destructive migration or an operator's mistake — problems often noticed days later.
    /// A retention period of 0 turns automated backups off entirely; RDS keeps them for only
    /// 1 day when the setting is left out. Read replicas, members of a cluster and restores
    /// are not reported.
    ///
    /// ## How to fix
    /// Set `backup_retention_period` (`BackupRetentionPeriod`) to 7 days or more.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_db_instance" "app" {
    ///   engine                  = "postgres"
    ///   instance_class          = "db.t4g.medium"
    ///   allocated_storage       = 20
    ///   storage_encrypted       = true
    ///   backup_retention_period = 0
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_db_instance" "app" {
    ///   engine                  = "postgres"
    ///   instance_class          = "db.t4g.medium"
    ///   allocated_storage       = 20
    ///   storage_encrypted       = true
    ///   backup_retention_period = 14
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   App:
    ///     Type: AWS::RDS::DBCluster
    ///     Properties:
    ///       Engine: aurora-mysql
    ///       StorageEncrypted: true
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   App:
    ///     Type: AWS::RDS::DBCluster
    ///     Properties:
    ///       Engine: aurora-mysql
    ///       StorageEncrypted: true
    ///       BackupRetentionPeriod: 7
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"App": {"Type": "AWS::RDS::DBInstance", "Properties": {
    ///   "Engine": "mysql", "DBInstanceClass": "db.t4g.medium", "BackupRetentionPeriod": "3"}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"App": {"Type": "AWS::RDS::DBInstance", "Properties": {
    ///   "Engine": "mysql", "DBInstanceClass": "db.t4g.medium", "BackupRetentionPeriod": "7"}}}}
    /// ```
    ///
    /// ## References
    /// - [Introduction to backups](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html)
    /// - NIST 800-53 CP-9
    pub RdsBackupRetention {
        id: "AWS-RDS-005",
        name: "rds-backup-retention",
        severity: Low,
        refs: ["NIST 800-53 CP-9"],
        fix: "set `backup_retention_period` / `BackupRetentionPeriod` to 7 or more",
    }
}

impl Check for RdsBackupRetention {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::RdsDatabase(db) = &resource.kind else {
            return;
        };
        if db.inherits {
            return;
        }
        // An Aurora instance's backups are its cluster's.
        let aurora_member = !db.cluster
            && db
                .engine
                .as_ref()
                .and_then(|e| e.get())
                .is_some_and(|e| e.starts_with("aurora"));
        let Some(&days) = db.backup_retention.get() else {
            return;
        };
        if aurora_member || days >= MINIMUM_DAYS {
            return;
        }
        let name = out.name(&BACKUP_RETENTION);
        let message = if db.backup_retention.is_default() {
            format!("automated backups are kept for 1 day: `{name}` is not set and defaults to 1")
        } else if days <= 0.0 {
            format!("automated backups are turned off: `{name}` is 0")
        } else {
            let unit = if days == 1.0 { "day" } else { "days" };
            format!(
                "automated backups are kept for {days} {unit}: `{name}` is under {MINIMUM_DAYS}"
            )
        };
        out.report_value(&BACKUP_RETENTION, &db.backup_retention, message);
    }
}

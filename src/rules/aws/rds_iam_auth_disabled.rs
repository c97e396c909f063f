use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::rds::IAM_AUTH;
use crate::model::{Kind, Resource};
use crate::rules::Check;

/// Engines that support IAM database authentication.
const IAM_ENGINES: [&str; 6] = [
    "mysql",
    "mariadb",
    "postgres",
    "aurora",
    "aurora-mysql",
    "aurora-postgresql",
];

declare_rule! {
    /// ## What it does
    /// Flags MySQL, MariaDB, PostgreSQL and Aurora databases without IAM database
    /// authentication.
    ///
    /// ## Why is this bad?
    /// Without it, every client logs in with a long-lived database password that has to be
    /// stored, shared and rotated — often as a Kubernetes Secret or an environment variable.
    /// With IAM authentication, pods authenticate with short-lived tokens from their IAM role
    /// (IRSA or EKS Pod Identity), and access is granted and revoked in IAM. It is off unless
    /// enabled. Engines that do not support it (Oracle, SQL Server, Db2), members of a cluster
    /// and databases whose engine cannot be known are not reported.
    ///
    /// ## How to fix
    /// Set `iam_database_authentication_enabled = true`
    /// (`EnableIAMDatabaseAuthentication: true`) and grant `rds-db:connect` to the roles that
    /// need it.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_rds_cluster" "app" {
    ///   engine            = "aurora-postgresql"
    ///   storage_encrypted = true
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_rds_cluster" "app" {
    ///   engine                              = "aurora-postgresql"
    ///   storage_encrypted                   = true
    ///   iam_database_authentication_enabled = true
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   App:
    ///     Type: AWS::RDS::DBInstance
    ///     Properties:
    ///       Engine: postgres
    ///       DBInstanceClass: db.t4g.medium
    ///       EnableIAMDatabaseAuthentication: false
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   App:
    ///     Type: AWS::RDS::DBInstance
    ///     Properties:
    ///       Engine: postgres
    ///       DBInstanceClass: db.t4g.medium
    ///       EnableIAMDatabaseAuthentication: true
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"App": {"Type": "AWS::RDS::DBCluster", "Properties": {
    ///   "Engine": "aurora-mysql"}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"App": {"Type": "AWS::RDS::DBCluster", "Properties": {
    ///   "Engine": "aurora-mysql", "EnableIAMDatabaseAuthentication": true}}}}
    /// ```
    ///
    /// ## References
    /// - [IAM database authentication](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html)
    /// - NIST 800-53 IA-2, IA-5
    pub RdsIamAuthDisabled {
        id: "AWS-RDS-004",
        name: "rds-iam-auth-disabled",
        severity: Low,
        refs: ["NIST 800-53 IA-2", "NIST 800-53 IA-5"],
        fix: "set `iam_database_authentication_enabled` / `EnableIAMDatabaseAuthentication` to true",
    }
}

impl Check for RdsIamAuthDisabled {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::RdsDatabase(db) = &resource.kind else {
            return;
        };
        let Some(engine) = db.engine.as_ref().and_then(|e| e.get()) else {
            return;
        };
        // A cluster member takes this setting from its cluster.
        if !IAM_ENGINES.contains(&engine.as_str())
            || (!db.cluster && engine.starts_with("aurora"))
            || !db.iam_auth.is_false()
        {
            return;
        }
        let name = out.name(&IAM_AUTH);
        let message = if db.iam_auth.is_default() {
            format!("IAM database authentication is off: `{name}` is not set and defaults to false")
        } else {
            format!("IAM database authentication is off: `{name}` is false")
        };
        out.report_value(&IAM_AUTH, &db.iam_auth, message);
    }
}

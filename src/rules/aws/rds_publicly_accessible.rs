use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::rds::PUBLICLY_ACCESSIBLE;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags RDS DB instances and DB clusters marked publicly accessible.
    ///
    /// ## Why is this bad?
    /// A publicly accessible database gets a public IP address and a DNS name that resolves
    /// to it, so its port is one security group rule away from the internet — and database
    /// ports are scanned constantly for weak passwords and unpatched engines. Applications in
    /// the VPC (or an EKS cluster's pods) reach a private database just as well. Only an
    /// explicit `true` is reported: when the setting is left out, the default depends on the
    /// subnets, which a template does not show.
    ///
    /// ## How to fix
    /// Set `publicly_accessible = false` (`PubliclyAccessible: false`) and put the database in
    /// private subnets.
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_db_instance" "app" {
    ///   engine              = "mysql"
    ///   instance_class      = "db.t4g.medium"
    ///   allocated_storage   = 20
    ///   storage_encrypted   = true
    ///   publicly_accessible = true
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_db_instance" "app" {
    ///   engine              = "mysql"
    ///   instance_class      = "db.t4g.medium"
    ///   allocated_storage   = 20
    ///   storage_encrypted   = true
    ///   publicly_accessible = false
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   App:
    ///     Type: AWS::RDS::DBInstance
    ///     Properties:
    ///       Engine: mysql
    ///       DBInstanceClass: db.t4g.medium
    ///       PubliclyAccessible: true
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   App:
    ///     Type: AWS::RDS::DBInstance
    ///     Properties:
    ///       Engine: mysql
    ///       DBInstanceClass: db.t4g.medium
    ///       PubliclyAccessible: false
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"App": {"Type": "AWS::RDS::DBInstance", "Properties": {
    ///   "Engine": "mysql", "DBInstanceClass": "db.t4g.medium", "PubliclyAccessible": "true"}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"App": {"Type": "AWS::RDS::DBInstance", "Properties": {
    ///   "Engine": "mysql", "DBInstanceClass": "db.t4g.medium", "PubliclyAccessible": "false"}}}}
    /// ```
    ///
    /// ## References
    /// - [Hiding a DB instance in a VPC from the internet](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html)
    /// - CIS AWS Foundations Benchmark v3.0.0 2.3.3; NIST 800-53 AC-3, SC-7
    pub RdsPubliclyAccessible {
        id: "AWS-RDS-002",
        name: "rds-publicly-accessible",
        severity: High,
        refs: ["CIS AWS 2.3.3", "NIST 800-53 AC-3", "NIST 800-53 SC-7"],
        fix: "set `publicly_accessible` / `PubliclyAccessible` to false",
    }
}

impl Check for RdsPubliclyAccessible {
    fn check(&self, resource: &Resource, _cx: &Context, out: &mut Reporter) {
        let Kind::RdsDatabase(db) = &resource.kind else {
            return;
        };
        let Some(public) = &db.publicly_accessible else {
            return;
        };
        if public.is_true() {
            let what = if db.cluster {
                "DB cluster"
            } else {
                "DB instance"
            };
            let message = format!(
                "the {what} is publicly accessible: `{}` is true",
                out.name(&PUBLICLY_ACCESSIBLE)
            );
            out.report_value(&PUBLICLY_ACCESSIBLE, public, message);
        }
    }
}

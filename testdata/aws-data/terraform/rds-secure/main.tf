resource "aws_db_parameter_group" "pg" {
  name   = "app-postgres16"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "app" {
  identifier                          = "app"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.t4g.medium"
  allocated_storage                   = 20
  storage_encrypted                   = true
  publicly_accessible                 = false
  iam_database_authentication_enabled = true
  backup_retention_period             = 14
  parameter_group_name                = aws_db_parameter_group.pg.name
}

# A read replica takes storage, backups and encryption from its source.
resource "aws_db_instance" "replica" {
  identifier          = "app-replica"
  replicate_source_db = aws_db_instance.app.identifier
  instance_class      = "db.t4g.medium"
}

# PostgreSQL 15 and later force TLS by default.
resource "aws_db_instance" "reports" {
  identifier                          = "reports"
  engine                              = "postgres"
  engine_version                      = "15.7"
  instance_class                      = "db.t4g.medium"
  allocated_storage                   = 20
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  backup_retention_period             = 7
}

resource "aws_rds_cluster_parameter_group" "aurora" {
  name   = "aurora-mysql8"
  family = "aurora-mysql8.0"

  parameter {
    name  = "require_secure_transport"
    value = "ON"
  }
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier                  = "aurora"
  engine                              = "aurora-mysql"
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  backup_retention_period             = 7
  db_cluster_parameter_group_name     = aws_rds_cluster_parameter_group.aurora.name
}

# Aurora instances take encryption, backups and parameters from the cluster.
resource "aws_rds_cluster_instance" "writer" {
  identifier         = "aurora-writer"
  engine             = "aurora-mysql"
  instance_class     = "db.r6g.large"
  cluster_identifier = aws_rds_cluster.aurora.id
}

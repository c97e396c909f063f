resource "aws_db_parameter_group" "pg" {
  name   = "app-postgres16"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "0"
  }
}

resource "aws_db_instance" "app" {
  identifier              = "app"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.t4g.medium"
  allocated_storage       = 20
  publicly_accessible     = true
  backup_retention_period = 0
  parameter_group_name    = aws_db_parameter_group.pg.name
}

# MySQL on the default parameter group: TLS is not required.
resource "aws_db_instance" "legacy" {
  identifier                          = "legacy"
  engine                              = "mysql"
  engine_version                      = "8.0.39"
  instance_class                      = "db.t4g.medium"
  allocated_storage                   = 20
  storage_encrypted                   = false
  iam_database_authentication_enabled = false
  backup_retention_period             = 3
}

resource "aws_rds_cluster_parameter_group" "aurora" {
  name   = "aurora-mysql8"
  family = "aurora-mysql8.0"

  parameter {
    name  = "time_zone"
    value = "UTC"
  }
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier              = "aurora"
  engine                          = "aurora-mysql"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.aurora.name
}

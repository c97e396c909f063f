# Values given at plan time and references that cannot be followed: nothing can be known,
# so nothing is reported.
variable "encrypted" {}
variable "tokens" {}
variable "bucket" {}
variable "parameter_group" {}

resource "aws_launch_template" "nodes" {
  name_prefix = "eks-nodes-"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted = var.encrypted
    }
  }
  metadata_options {
    http_tokens = var.tokens
  }
}

resource "aws_db_instance" "app" {
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.t4g.medium"
  storage_encrypted                   = var.encrypted
  iam_database_authentication_enabled = true
  backup_retention_period             = 7
  parameter_group_name                = var.parameter_group
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = var.bucket
  is_multi_region_trail      = var.encrypted
  enable_log_file_validation = true
  kms_key_id                 = module.keys.trail_key_arn
}

# The policy's bucket is a variable: it may be this bucket, so no TLS finding.
resource "aws_s3_bucket" "logs" {
  bucket = "org-logs"
}

resource "aws_s3_bucket_policy" "somewhere" {
  bucket = var.bucket
  policy = "{\"Statement\": []}"
}

resource "aws_s3_bucket_public_access_block" "somewhere" {
  bucket                  = var.bucket
  block_public_acls       = var.encrypted
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

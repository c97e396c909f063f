variable "name" {}
variable "block_policy" {
  default = true
}
variable "tls_only" {
  default = true
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = var.block_policy
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "this" {
  count  = var.tls_only ? 1 : 0
  bucket = aws_s3_bucket.this.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::${var.name}/*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

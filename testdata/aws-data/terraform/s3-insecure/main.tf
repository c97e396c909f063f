# A log bucket whose separate public access block leaves two switches off, and whose policy
# does not deny plain HTTP.
resource "aws_s3_bucket" "logs" {
  bucket = "org-access-logs"
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = false
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "S3ServerAccessLogs"
      Effect    = "Allow"
      Principal = { Service = "logging.s3.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::org-access-logs/*"
    }]
  })
}

# No policy at all.
resource "aws_s3_bucket" "artifacts" {
  bucket = "org-build-artifacts"
}

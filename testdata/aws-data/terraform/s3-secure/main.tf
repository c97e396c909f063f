resource "aws_s3_bucket" "logs" {
  bucket = "org-access-logs"
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "TlsOnly"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::org-access-logs", "arn:aws:s3:::org-access-logs/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

# Linked by the bucket's literal name; the policy comes from a data source, so its content
# cannot be known and nothing is reported.
resource "aws_s3_bucket" "artifacts" {
  bucket = "org-build-artifacts"
}

resource "aws_s3_bucket_policy" "artifacts" {
  bucket = "org-build-artifacts"
  policy = data.aws_iam_policy_document.artifacts.json
}

# A bucket-level block that leaves a switch off, covered by the account-level block.
resource "aws_s3_bucket" "site" {
  bucket = "org-static-site"
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::org-static-site/*"
      Condition = { Bool = { "aws:SecureTransport" = false } }
    }]
  })
}

resource "aws_s3_bucket_public_access_block" "site" {
  bucket                  = aws_s3_bucket.site.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = false
}

resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

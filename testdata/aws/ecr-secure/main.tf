# Scanned (here or by the registry), immutable, KMS; policies name their principals.
resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ecr.arn
  }
}

# Scanned by the registry rule below, which matches prod-*.
resource "aws_ecr_repository" "prod_api" {
  name                 = "prod-api"
  image_tag_mutability = "IMMUTABLE"
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_registry_scanning_configuration" "registry" {
  scan_type = "ENHANCED"
  rule {
    scan_frequency = "CONTINUOUS_SCAN"
    repository_filter {
      filter      = "prod-*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_kms_key" "ecr" {
  enable_key_rotation = true
}

resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:root" }
        Action    = ["ecr:BatchGetImage"]
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = ["ecr:BatchGetImage"]
        Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = ["ecr:DeleteRepository"]
      }
    ]
  })
}

# A policy from a data source is not evaluated: nothing is reported.
resource "aws_ecr_repository_policy" "shared" {
  repository = "shared"
  policy     = data.aws_iam_policy_document.shared.json
}

# Scanning and encryption written by `dynamic` blocks are not known to be off.
variable "scanning" {}

resource "aws_ecr_repository" "dynamic" {
  name                 = "dynamic"
  image_tag_mutability = "IMMUTABLE"
  dynamic "image_scanning_configuration" {
    for_each = var.scanning
    content {
      scan_on_push = image_scanning_configuration.value
    }
  }
  dynamic "encryption_configuration" {
    for_each = var.scanning
    content {
      encryption_type = "KMS"
    }
  }
}

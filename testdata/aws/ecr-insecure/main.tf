# Defaults everywhere: mutable tags, no scan on push, AES256.
resource "aws_ecr_repository" "app" {
  name = "app"
}

resource "aws_ecr_repository" "tools" {
  name                 = "tools"
  image_tag_mutability = "MUTABLE"
  image_scanning_configuration {
    scan_on_push = false
  }
  encryption_configuration {
    encryption_type = "KMS"
  }
}

# A registry rule scans on push, but only repositories named prod-*.
resource "aws_ecr_registry_scanning_configuration" "registry" {
  scan_type = "BASIC"
  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "prod-*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "public-pull"
        Effect    = "Allow"
        Principal = { AWS = ["arn:aws:iam::123456789012:root", "*"] }
        Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      }
    ]
  })
}

resource "aws_ecr_repository_policy" "tools" {
  repository = "tools"
  policy     = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": {"Effect": "Allow", "Principal": "*", "Action": "ecr:*"}
    }
  POLICY
}

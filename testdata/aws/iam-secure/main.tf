# Scoped policies, Deny with NotAction, and policies that cannot be read before apply.
resource "aws_iam_policy" "read" {
  name = "read"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["eks:DescribeCluster"], Resource = "*" },
      { Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::logs/*" },
      { Effect = "Deny", NotAction = ["iam:*"], Resource = "*" }
    ]
  })
}

# A data source is not evaluated.
resource "aws_iam_role_policy" "from_document" {
  name   = "from-document"
  role   = "ops"
  policy = data.aws_iam_policy_document.ops.json
}

# An unknown resource makes the whole jsonencode unknown.
resource "aws_iam_group_policy" "bucket" {
  name  = "bucket"
  group = "ops"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", NotAction = "s3:DeleteBucket", Resource = aws_s3_bucket.logs.arn }]
  })
}

variable "effect" {}

resource "aws_iam_policy" "unknown_effect" {
  name = "unknown-effect"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = var.effect, Action = "*", Resource = "*" }]
  })
}

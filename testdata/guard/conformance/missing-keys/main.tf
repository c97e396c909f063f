resource "aws_eks_cluster" "encrypted" {
  name     = "a"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:eu-west-1:123456789012:key/abc"
    }
  }
}

resource "aws_eks_cluster" "no_provider" {
  name     = "b"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  encryption_config {
    resources = ["secrets"]
  }
}

resource "aws_eks_cluster" "plain" {
  name     = "c"
  role_arn = "arn:aws:iam::123456789012:role/eks"
}

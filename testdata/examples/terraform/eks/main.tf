locals {
  admin_cidrs = ["203.0.113.0/24", "0.0.0.0/0"]
  log_types   = ["api", "audit"]
}

resource "aws_kms_key" "eks" {
  description         = "EKS secrets"
  enable_key_rotation = true
}

resource "aws_eks_cluster" "this" {
  name     = var.cluster_name
  role_arn = "arn:aws:iam::123456789012:role/eks-cluster"

  vpc_config {
    subnet_ids              = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_public_access  = var.public_endpoint
    endpoint_private_access = true
    public_access_cidrs     = local.admin_cidrs
  }

  enabled_cluster_log_types = local.log_types

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.eks.arn
    }
  }
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = var.encrypt_volumes
}

resource "aws_ebs_volume" "logs" {
  availability_zone = "eu-west-1a"
  size              = 20
  encrypted         = true
  kms_key_id        = var.kms_key_arn
}

resource "aws_ebs_volume" "disabled" {
  count             = 0
  availability_zone = "eu-west-1a"
  size              = 20
}

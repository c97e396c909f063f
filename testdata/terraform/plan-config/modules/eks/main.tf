variable "cluster_name" {
  type = string
}

variable "public_cidrs" {
  type    = list(string)
  default = ["10.0.0.0/8"]
}

resource "aws_kms_key" "eks" {
  count               = 1
  description         = "EKS secrets envelope encryption"
  enable_key_rotation = true
}

resource "aws_eks_cluster" "this" {
  count    = 1
  name     = var.cluster_name
  role_arn = aws_iam_role.cluster.arn

  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  vpc_config {
    subnet_ids              = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
    endpoint_private_access = true
    public_access_cidrs     = var.public_cidrs
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.eks[0].arn
    }
  }
}

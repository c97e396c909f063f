# A small platform: one EKS cluster and its node groups, each from a local module.
locals {
  node_groups = {
    general = { instance_type = "m6i.large", disk_encrypted = true }
    batch   = { instance_type = "c6i.2xlarge", disk_encrypted = false }
  }
}

resource "aws_kms_key" "eks" {
  description         = "EKS secrets envelope encryption"
  enable_key_rotation = true
}

module "eks" {
  source = "./modules/eks"

  cluster_name                   = var.cluster_name
  kms_key_arn                    = aws_kms_key.eks.arn
  cluster_endpoint_public_access = null
  logging = {
    types = ["api", "audit"]
  }
}

module "node_groups" {
  source   = "./modules/node-group"
  for_each = local.node_groups

  cluster_name   = module.eks.cluster_name
  name           = each.key
  instance_type  = each.value.instance_type
  disk_encrypted = each.value.disk_encrypted
}

resource "aws_eks_cluster" "this" {
  name                      = var.cluster_name
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = var.logging.enabled ? var.logging.types : []

  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    endpoint_public_access  = var.cluster_endpoint_public_access
    endpoint_private_access = true
  }

  dynamic "encryption_config" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      resources = ["secrets"]
      provider {
        key_arn = encryption_config.value
      }
    }
  }
}

output "cluster_name" {
  value = aws_eks_cluster.this.name
}

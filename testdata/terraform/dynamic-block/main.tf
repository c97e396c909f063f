# Two clusters share one layout; the encryption block exists only when a key is given.
locals {
  secure = {
    public_access = false
    kms_keys      = ["arn:aws:kms:eu-west-1:123456789012:key/1234"]
  }
  legacy = {
    public_access = false
    kms_keys      = []
  }
}

resource "aws_eks_cluster" "secure" {
  name                      = "secure"
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  vpc_config {
    subnet_ids              = ["subnet-1"]
    endpoint_public_access  = local.secure.public_access
    endpoint_private_access = true
  }

  dynamic "encryption_config" {
    for_each = local.secure.kms_keys
    content {
      resources = ["secrets"]
      provider {
        key_arn = encryption_config.value
      }
    }
  }
}

resource "aws_eks_cluster" "legacy" {
  name                      = "legacy"
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  vpc_config {
    subnet_ids              = ["subnet-1"]
    endpoint_public_access  = local.legacy.public_access
    endpoint_private_access = true
  }

  dynamic "encryption_config" {
    for_each = local.legacy.kms_keys
    iterator = key
    content {
      resources = ["secrets"]
      provider {
        key_arn = key.value
      }
    }
  }
}

# The generated block encrypts the wrong resource type: the finding shows the element it came from.
locals {
  encryption = [
    { resources = ["configmaps"], key = "arn:aws:kms:eu-west-1:123456789012:key/1234" },
  ]
}

resource "aws_eks_cluster" "wrong" {
  name                      = "wrong"
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  vpc_config {
    subnet_ids              = ["subnet-1"]
    endpoint_public_access  = false
    endpoint_private_access = true
  }

  dynamic "encryption_config" {
    for_each = local.encryption
    content {
      resources = encryption_config.value.resources
      provider {
        key_arn = encryption_config.value.key
      }
    }
  }
}

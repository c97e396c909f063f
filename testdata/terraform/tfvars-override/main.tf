# The defaults are insecure, but terraform.tfvars sets encryption on; a later *.auto.tfvars
# turns the public endpoint on, overriding terraform.tfvars as Terraform would.
resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = var.encrypt_volumes
}

resource "aws_eks_cluster" "this" {
  name                      = "orders"
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    endpoint_public_access  = var.public_endpoint
    endpoint_private_access = true
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234"
    }
  }
}

variable "encrypt_volumes" {
  type    = bool
  default = false
}

variable "public_endpoint" {
  type    = bool
  default = false
}

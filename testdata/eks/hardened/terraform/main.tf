# The hardened twin of ../../console/terraform/main.tf: private endpoint, audit logs, Secrets
# encrypted with a KMS key, access entries, private nodes without SSH, a read-only node role,
# network policies enforced by the VPC CNI, IRSA, a supported version.

variable "node_version" {
  type        = string
  description = "No default: unknown before deployment, so never judged."
}

variable "extra_node_role_arn" {
  type = string
}

resource "aws_subnet" "private" {
  vpc_id     = "vpc-0a1b2c3d"
  cidr_block = "10.0.10.0/24"
}

resource "aws_kms_key" "secrets" {
  enable_key_rotation = true
}

resource "aws_iam_role" "cluster" {
  name               = "shop-cluster"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "eks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_eks_cluster" "shop" {
  name                      = "shop"
  version                   = "1.34"
  role_arn                  = aws_iam_role.cluster.arn
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = false
  }

  vpc_config {
    subnet_ids              = [aws_subnet.private.id, "subnet-0b2"]
    endpoint_public_access  = false
    endpoint_private_access = true
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.secrets.arn
    }
  }
}

resource "aws_iam_openid_connect_provider" "shop" {
  url            = aws_eks_cluster.shop.identity[0].oidc[0].issuer
  client_id_list = ["sts.amazonaws.com"]
}

resource "aws_iam_role" "nodes" {
  name               = "shop-nodes"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "nodes_worker" {
  role       = aws_iam_role.nodes.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"
}

resource "aws_iam_role_policy_attachment" "nodes_ecr" {
  role       = aws_iam_role.nodes.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"
}

resource "aws_iam_role_policy" "nodes_pull" {
  role = aws_iam_role.nodes.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource = "*" }]
  })
}

resource "aws_eks_node_group" "workers" {
  cluster_name  = aws_eks_cluster.shop.name
  node_role_arn = aws_iam_role.nodes.arn
  subnet_ids    = [aws_subnet.private.id]
  version       = var.node_version

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }
}

resource "aws_eks_node_group" "batch" {
  cluster_name  = aws_eks_cluster.shop.name
  node_role_arn = var.extra_node_role_arn
  subnet_ids    = ["subnet-0b2"]

  scaling_config {
    desired_size = 1
    max_size     = 2
    min_size     = 1
  }
}

resource "aws_eks_fargate_profile" "untrusted" {
  cluster_name           = aws_eks_cluster.shop.name
  fargate_profile_name   = "untrusted"
  pod_execution_role_arn = "arn:aws:iam::123456789012:role/fargate"
  subnet_ids             = [aws_subnet.private.id]

  selector {
    namespace = "untrusted"
  }
}

resource "aws_eks_addon" "vpc_cni" {
  cluster_name         = aws_eks_cluster.shop.name
  addon_name           = "vpc-cni"
  configuration_values = jsonencode({ enableNetworkPolicy = "true" })
}

resource "aws_eks_addon" "guardduty" {
  cluster_name = aws_eks_cluster.shop.name
  addon_name   = "aws-guardduty-agent"
}

resource "aws_security_group_rule" "cluster_https" {
  type              = "ingress"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/16"]
  security_group_id = aws_eks_cluster.shop.vpc_config[0].cluster_security_group_id
}

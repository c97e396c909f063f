# Every setting the EKS catalogue judges comes from a variable without a default or from a
# resource outside this configuration: nothing here may raise AWS-EKS-006 to AWS-EKS-016.

variable "cluster_name" { type = string }
variable "kubernetes_version" { type = string }
variable "authentication_mode" { type = string }
variable "issuer_url" { type = string }
variable "node_role_arn" { type = string }
variable "subnet_ids" { type = list(string) }
variable "ssh_sources" { type = list(string) }
variable "cni_configuration" { type = string }
variable "admin_cidrs" { type = list(string) }
variable "policy_arn" { type = string }

resource "aws_eks_cluster" "main" {
  name     = var.cluster_name
  version  = var.kubernetes_version
  role_arn = "arn:aws:iam::123456789012:role/eks"

  access_config {
    authentication_mode = var.authentication_mode
  }

  vpc_config {
    subnet_ids              = var.subnet_ids
    endpoint_public_access  = false
    endpoint_private_access = true
  }
}

resource "aws_iam_openid_connect_provider" "main" {
  url            = var.issuer_url
  client_id_list = ["sts.amazonaws.com"]
}

resource "aws_eks_fargate_profile" "untrusted" {
  cluster_name           = var.cluster_name
  fargate_profile_name   = "untrusted"
  pod_execution_role_arn = "arn:aws:iam::123456789012:role/fargate"
  selector {
    namespace = "untrusted"
  }
}

resource "aws_eks_addon" "vpc_cni" {
  cluster_name         = var.cluster_name
  addon_name           = "vpc-cni"
  configuration_values = var.cni_configuration
}

resource "aws_eks_addon" "guardduty" {
  cluster_name = var.cluster_name
  addon_name   = "aws-guardduty-agent"
}

resource "aws_eks_node_group" "workers" {
  cluster_name  = var.cluster_name
  node_role_arn = var.node_role_arn
  subnet_ids    = var.subnet_ids
  version       = var.kubernetes_version

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }

  remote_access {
    ec2_ssh_key               = "ops"
    source_security_group_ids = var.ssh_sources
  }
}

resource "aws_iam_role_policy_attachment" "ecr" {
  role       = "somebody-elses-role"
  policy_arn = var.policy_arn
}

resource "aws_security_group_rule" "api" {
  type              = "ingress"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = var.admin_cidrs
  security_group_id = aws_eks_cluster.main.vpc_config[0].cluster_security_group_id
}

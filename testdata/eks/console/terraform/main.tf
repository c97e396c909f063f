# An EKS cluster as the console wizard (and many quick starts) create it, written for iacguard's
# tests: a public endpoint, no control-plane logs, no Secrets encryption, ConfigMap-only
# authentication, a managed node group in public subnets with SSH from anywhere, a node role
# that may push to ECR, the VPC CNI without network policies, and no IAM OIDC provider.

variable "node_version" {
  type        = string
  description = "No default: unknown before deployment, so never judged."
}

variable "extra_node_role_arn" {
  type = string
}

resource "aws_subnet" "public" {
  vpc_id                  = "vpc-0a1b2c3d"
  cidr_block              = "10.0.0.0/24"
  map_public_ip_on_launch = true
}

resource "aws_iam_role" "cluster" {
  name               = "shop-cluster"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "eks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_eks_cluster" "shop" {
  name     = "shop"
  version  = "1.30"
  role_arn = aws_iam_role.cluster.arn

  vpc_config {
    subnet_ids = [aws_subnet.public.id, "subnet-0b2"]
  }
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
  policy_arn = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser"
}

resource "aws_iam_role_policy" "nodes_push" {
  role = aws_iam_role.nodes.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ecr:PutImage", "ecr:InitiateLayerUpload"], Resource = "*" }]
  })
}

resource "aws_eks_node_group" "workers" {
  cluster_name  = aws_eks_cluster.shop.name
  node_role_arn = aws_iam_role.nodes.arn
  subnet_ids    = [aws_subnet.public.id]
  version       = var.node_version

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }

  remote_access {
    ec2_ssh_key = "ops"
  }
}

# A role from outside the configuration: whatever it may hold is not known here.
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

resource "aws_eks_addon" "vpc_cni" {
  cluster_name = aws_eks_cluster.shop.name
  addon_name   = "vpc-cni"
}

resource "aws_security_group_rule" "cluster_https" {
  type              = "ingress"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_eks_cluster.shop.vpc_config[0].cluster_security_group_id
}

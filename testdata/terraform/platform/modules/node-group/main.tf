variable "cluster_name" {
  type = string
}

variable "name" {
  type = string
}

variable "instance_type" {
  type = string
}

variable "disk_encrypted" {
  type    = bool
  default = true
}

resource "aws_eks_node_group" "this" {
  cluster_name    = var.cluster_name
  node_group_name = var.name
  node_role_arn   = "arn:aws:iam::123456789012:role/nodes"
  subnet_ids      = ["subnet-1", "subnet-2"]
  instance_types  = [var.instance_type]

  scaling_config {
    desired_size = 2
    max_size     = 4
    min_size     = 1
  }
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-1a"
  size              = 200
  encrypted         = var.disk_encrypted
}

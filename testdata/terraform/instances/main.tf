# count: every instance is addressed; count = 0 deploys nothing; a count that is not known
# still gives one instance to check.
variable "replicas" {
  type    = number
  default = 2
}

variable "shards" {
  type = number
}

variable "names" {
  type    = set(string)
  default = ["a", "b"]
}

resource "aws_ebs_volume" "replica" {
  count             = var.replicas
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = count.index == 0
}

resource "aws_ebs_volume" "disabled" {
  count             = 0
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_ebs_volume" "shard" {
  count             = var.shards
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_ebs_volume" "tagged" {
  for_each          = var.names
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = each.key == "a"
}

module "off" {
  source = "./volume"
  count  = 0
}

module "zones" {
  source   = "./volume"
  for_each = { east = "eu-west-1a", west = "eu-west-1b" }
  zone     = each.value
}

variable "zone" {
  type    = string
  default = "eu-west-1a"
}

resource "aws_ebs_volume" "this" {
  availability_zone = var.zone
  size              = 10
}

# Nothing is known about the value before plan time, so nothing is reported.
variable "encrypt_volumes" {
  type = bool
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = var.encrypt_volumes
}

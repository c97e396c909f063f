# Never evaluated on its own: its callers decide what it deploys.
variable "encrypt_data" {
  type    = bool
  default = false
}

resource "aws_ebs_volume" "this" {
  availability_zone = "eu-west-1a"
  size              = 50
  encrypted         = var.encrypt_data
}

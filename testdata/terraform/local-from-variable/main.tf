# Only production volumes are encrypted, and the environment defaults to "dev".
variable "environment" {
  type    = string
  default = "dev"
}

locals {
  encrypt = var.environment == "prod"
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = local.encrypt
}

# Secure by default; the test sets encrypt_volumes=false with --var.
resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = var.encrypt_volumes
}

variable "encrypt_volumes" {
  type    = bool
  default = true
}

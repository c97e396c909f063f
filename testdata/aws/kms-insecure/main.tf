resource "aws_kms_key" "default" {
  description = "rotation is off by default"
}

variable "rotate" {
  default = false
}

resource "aws_kms_key" "explicit" {
  description             = "rotation turned off by a variable"
  enable_key_rotation     = var.rotate
  deletion_window_in_days = 30
}

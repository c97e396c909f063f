variable "volumes" {
  type = map(object({
    size      = number
    encrypted = optional(bool, true)
  }))
  default = {
    logs    = { size = 20 }
    data    = { size = 100, encrypted = false }
    archive = { size = 500, encrypted = true }
  }
}

resource "aws_ebs_volume" "this" {
  for_each          = var.volumes
  availability_zone = "eu-west-1a"
  size              = each.value.size
  encrypted         = each.value.encrypted
}

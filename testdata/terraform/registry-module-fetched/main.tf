# `terraform init` fetched the module into .terraform/modules; it is analysed from there.
module "disks" {
  source  = "example/disks/aws"
  version = "1.0.0"

  encrypted = false
}

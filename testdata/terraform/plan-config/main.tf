# Production reads prod.tfvars (encrypt_data = false, public_cidrs = ["0.0.0.0/0"]), which is
# not in this directory: only the plan knows those values.
variable "encrypt_data" {
  type    = bool
  default = true
}

variable "public_cidrs" {
  type    = list(string)
  default = ["10.0.0.0/8"]
}

module "eks" {
  source       = "./modules/eks"
  cluster_name = "shop-prod"
  public_cidrs = var.public_cidrs
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  type              = "gp3"
  encrypted         = var.encrypt_data
}

resource "aws_ebs_volume" "logs" {
  availability_zone = "eu-west-1a"
  size              = 50
  type              = "gp3"
}

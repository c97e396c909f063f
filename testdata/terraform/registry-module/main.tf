# Without `terraform init`, the registry module's code is not here: a notice says so.
module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"

  cluster_name = "orders"
}

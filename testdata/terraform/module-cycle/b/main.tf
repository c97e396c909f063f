module "a" {
  source = "../a"
}

module "self" {
  source = "./"
}

module "data" {
  source       = "./modules/volume"
  encrypt_data = true
}

module "scratch" {
  source       = "./modules/volume"
  encrypt_data = false
}

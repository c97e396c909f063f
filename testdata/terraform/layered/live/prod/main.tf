# An environment directory that calls a shared module from outside itself: scanning only
# live/prod still reads ../../modules/volume, and evaluates it for this caller only.
module "data" {
  source    = "../../modules/volume"
  encrypted = false
}

# Two instances of one bucket module: only the one that passes `block_policy = false` leaves
# a switch off, and only the one with `tls_only = false` has no TLS policy. Inside the module,
# `aws_s3_bucket.this.id` names the bucket of the same instance, so the other instance's
# policy does not cover it.
module "logs" {
  source       = "./modules/bucket"
  name         = "org-module-logs"
  block_policy = false
  tls_only     = false
}

module "data" {
  source       = "./modules/bucket"
  name         = "org-module-data"
  block_policy = true
}

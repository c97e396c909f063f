# The association names a load balancer through a variable without a value: it may be this
# one, so the ALB is not reported as unprotected.
variable "alb_arn" {}

resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-1", "subnet-2"]
}

resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = var.alb_arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
}

resource "aws_shield_protection" "web" {
  name         = "web"
  resource_arn = module.edge.alb_arn
}

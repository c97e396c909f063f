# A public ALB; the association protects another load balancer.
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-1", "subnet-2"]
}

resource "aws_lb" "admin" {
  name    = "admin"
  subnets = ["subnet-1", "subnet-2"]
}

resource "aws_wafv2_web_acl_association" "admin" {
  resource_arn = aws_lb.admin.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/admin/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
}

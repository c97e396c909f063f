# Each public ALB has a web ACL association and a Shield Advanced protection.
resource "aws_lb" "web" {
  count   = 1
  name    = "web"
  subnets = ["subnet-1", "subnet-2"]
}

resource "aws_alb" "shop" {
  name    = "shop"
  subnets = ["subnet-1", "subnet-2"]
}

locals {
  shop_arn = aws_alb.shop.arn
}

resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = aws_lb.web[0].arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
}

resource "aws_wafv2_web_acl_association" "shop" {
  resource_arn = local.shop_arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
}

resource "aws_shield_protection" "web" {
  name         = "web"
  resource_arn = aws_lb.web[0].arn
}

resource "aws_shield_protection" "shop" {
  name         = "shop"
  resource_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188"
}

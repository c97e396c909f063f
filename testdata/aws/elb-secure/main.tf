# Redirect to HTTPS, TLS 1.2+ policies, and a public ALB behind WAF and Shield Advanced.
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-1", "subnet-2"]
}

resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = aws_lb.web.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
}

resource "aws_shield_protection" "web" {
  name         = "web"
  resource_arn = "${aws_lb.web.arn}"
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-111122223333"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067"
  }
}

# The protocol depends on a variable without a value: unknown, so nothing is reported.
variable "protocol" {}

resource "aws_lb_listener" "chosen" {
  load_balancer_arn = aws_lb.web.arn
  port              = 8080
  protocol          = var.protocol
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067"
  }
}

# No protocol, but the load balancer is not in the configuration: it may be a network one.
resource "aws_lb_listener" "elsewhere" {
  load_balancer_arn = data.aws_lb.shared.arn
  port              = 8443
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067"
  }
}

# Default actions from a `dynamic` block are known only with its `for_each`.
variable "actions" {}

resource "aws_lb_listener" "dynamic" {
  load_balancer_arn = aws_lb.web.arn
  port              = 8081
  protocol          = "HTTP"
  dynamic "default_action" {
    for_each = var.actions
    content {
      type = default_action.value.type
    }
  }
}

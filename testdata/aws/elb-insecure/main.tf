# Listeners that serve clear text or accept TLS 1.0/1.1.
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-1", "subnet-2"]
}

resource "aws_lb" "api" {
  name               = "api"
  load_balancer_type = "network"
  internal           = true
  subnets            = ["subnet-1", "subnet-2"]
}

# HTTP that forwards instead of redirecting.
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067"
  }
}

# No protocol on an application load balancer: HTTP. The redirect keeps the protocol.
resource "aws_lb_listener" "implicit" {
  load_balancer_arn = aws_lb.web.arn
  port              = 8080
  default_action {
    type = "redirect"
    redirect {
      port        = "8443"
      status_code = "HTTP_301"
    }
  }
}

# HTTPS without a security policy: ELBSecurityPolicy-2016-08.
resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-111122223333"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067"
  }
}

variable "tls_policy" {
  default = "ELBSecurityPolicy-TLS13-1-1-2021-06"
}

resource "aws_alb_listener" "tls" {
  load_balancer_arn = aws_lb.api.arn
  port              = 443
  protocol          = "TLS"
  ssl_policy        = var.tls_policy
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-111122223333"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/73e2d6bc24d8a067"
  }
}

resource "aws_lb_listener" "tcp" {
  load_balancer_arn = aws_lb.api.arn
  port              = 5432
  protocol          = "tcp"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/db/73e2d6bc24d8a067"
  }
}

resource "aws_lb" "good" {
  internal           = true
  load_balancer_type = "application"
}

resource "aws_lb" "odd" {
  internal           = [true]
  load_balancer_type = { type = "application" }
}

resource "aws_lb" "stringly" {
  internal           = "true"
  load_balancer_type = 1
}

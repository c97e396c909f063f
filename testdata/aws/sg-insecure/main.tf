# Remote administration and every port open to the internet.
resource "aws_security_group" "nodes" {
  name   = "nodes"
  vpc_id = "vpc-0a1b2c3d"

  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
  }

  ingress {
    description      = "a range that includes RDP, over IPv6"
    from_port        = 3000
    to_port          = 4000
    protocol         = "6"
    ipv6_cidr_blocks = ["::/0"]
  }

  ingress {
    description = "https is fine"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

variable "anywhere" {
  default = "0.0.0.0/0"
}

resource "aws_security_group_rule" "all" {
  type              = "ingress"
  security_group_id = "sg-0a1b2c3d"
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = [var.anywhere]
}

resource "aws_vpc_security_group_ingress_rule" "tcp_all" {
  security_group_id = "sg-0a1b2c3d"
  ip_protocol       = "tcp"
  from_port         = 0
  to_port           = 65535
  cidr_ipv4         = "0.0.0.0/0"
}

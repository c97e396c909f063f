# Administration from the VPC only, public HTTPS, and values that cannot be known.
variable "admin_cidr" {}

resource "aws_security_group" "nodes" {
  name   = "nodes"
  vpc_id = "vpc-0a1b2c3d"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8", var.admin_cidr]
  }

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  # Egress is not ingress.
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "egress" {
  type              = "egress"
  security_group_id = "sg-0a1b2c3d"
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
}

variable "ssh_port" {}

resource "aws_vpc_security_group_ingress_rule" "unknown_port" {
  security_group_id = "sg-0a1b2c3d"
  ip_protocol       = "tcp"
  from_port         = var.ssh_port
  to_port           = var.ssh_port
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "from_lb" {
  security_group_id            = "sg-0a1b2c3d"
  ip_protocol                  = "-1"
  referenced_security_group_id = "sg-0e1f2a3b"
}

resource "aws_vpc_security_group_ingress_rule" "icmp" {
  security_group_id = "sg-0a1b2c3d"
  ip_protocol       = "icmp"
  from_port         = -1
  to_port           = -1
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags = {
    Name       = "main"
    monitoring = "flow-logs"
  }
}

resource "aws_vpc" "quiet" {
  cidr_block = "10.1.0.0/16"
  tags = {
    Name = "quiet"
  }
}

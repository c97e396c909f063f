variable "team" {}

resource "aws_ebs_volume" "tagged" {
  availability_zone = "eu-west-1a"
  size              = 10
  tags = {
    owner = "storage-team"
  }
}

resource "aws_ebs_volume" "untagged" {
  availability_zone = "eu-west-1a"
  size              = 10
  tags = {
    purpose = "scratch"
  }
}

resource "aws_ebs_volume" "no_tags" {
  availability_zone = "eu-west-1a"
  size              = 10
}

# The owner comes from a variable without a default: unknown, so not reported.
resource "aws_ebs_volume" "unknown" {
  availability_zone = "eu-west-1a"
  size              = 10
  tags              = var.team
}

resource "aws_ebs_volume" "small" {
  availability_zone = "eu-west-1a"
  size              = 100
  iops              = 3000
}

resource "aws_ebs_volume" "huge" {
  availability_zone = "eu-west-1a"
  size              = 2000
}

resource "aws_ebs_volume" "slow" {
  availability_zone = "eu-west-1a"
  size              = 500
  iops              = 100
}

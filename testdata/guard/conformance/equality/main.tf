resource "aws_ebs_volume" "fast" {
  availability_zone = "eu-west-1a"
  size              = 20
  type              = "gp3"
}

resource "aws_ebs_volume" "magnetic" {
  availability_zone = "eu-west-1a"
  size              = 20
  type              = "standard"
}

resource "aws_ebs_volume" "old_ssd" {
  availability_zone = "eu-west-1a"
  size              = 20
  type              = "gp2"
}

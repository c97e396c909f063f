resource "aws_ebs_volume" "ireland" {
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_ebs_volume" "virginia" {
  availability_zone = "us-east-1a"
  size              = 10
}

resource "aws_ebs_volume" "snapshot" {
  availability_zone = "eu-west-1a"
  size              = 10
}

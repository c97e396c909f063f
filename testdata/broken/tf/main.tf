resource "aws_ebs_volume" "x" {
  size = 10
  tags = {

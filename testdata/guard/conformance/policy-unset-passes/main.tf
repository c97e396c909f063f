resource "aws_s3_bucket" "untagged" {
  bucket = "untagged"
}

resource "aws_ebs_volume" "anywhere" {
  availability_zone = "ap-south-1a"
  size              = 10
}

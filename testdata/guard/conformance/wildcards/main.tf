resource "aws_s3_bucket" "tagged" {
  bucket = "logs"
  tags = {
    owner = "platform"
    env   = "prd"
  }
}

resource "aws_s3_bucket" "blank_tag" {
  bucket = "tmp"
  tags = {
    owner = ""
    env   = "dev"
  }
}

resource "aws_s3_bucket" "billed" {
  bucket = "billed"
  tags = {
    "cost-center" = "1234"
    owner         = "finance"
  }
}

resource "aws_s3_bucket" "wrong_code" {
  bucket = "wrong"
  tags = {
    "cost-center" = "finance"
  }
}

resource "aws_s3_bucket" "untagged_center" {
  bucket = "untagged"
  tags = {
    owner = "nobody"
  }
}

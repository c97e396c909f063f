resource "aws_s3_bucket_policy" "real" {
  bucket = "logs"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
}

resource "aws_s3_bucket_policy" "placeholder" {
  bucket = "logs"
  policy = ""
}

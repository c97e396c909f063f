resource "aws_cloudwatch_log_group" "app" {
  name = "app"
}

# iacguard:ignore GUARD-TF-LOG-GROUP-KMS debug logs, deleted after a day
resource "aws_cloudwatch_log_group" "debug" {
  name              = "debug"
  retention_in_days = 1
}

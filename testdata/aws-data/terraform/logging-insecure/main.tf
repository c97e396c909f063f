resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "org-cloudtrail-logs"
}

resource "aws_guardduty_detector" "main" {
  enable = true

  datasources {
    kubernetes {
      audit_logs {
        enable = false
      }
    }
  }
}

# A second detector (another region's provider) suspended outright.
resource "aws_guardduty_detector" "standby" {
  enable = false
}

resource "aws_guardduty_detector_feature" "standby_eks" {
  detector_id = aws_guardduty_detector.standby.id
  name        = "EKS_AUDIT_LOGS"
  status      = "DISABLED"
}

resource "aws_securityhub_account" "main" {
  enable_default_standards = false
}

resource "aws_kms_key" "rotating" {
  enable_key_rotation = true
}

# Asymmetric keys cannot be rotated automatically.
resource "aws_kms_key" "signing" {
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
}

# Nor can keys in a custom key store.
resource "aws_kms_key" "hsm" {
  custom_key_store_id = "cks-1234567890abcdef0"
}

variable "rotate" {}

resource "aws_kms_key" "unknown" {
  enable_key_rotation = var.rotate
}

resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository" "legacy" {
  name                 = "legacy"
  image_tag_mutability = "MUTABLE"
}

resource "aws_kms_key" "rotated" {
  enable_key_rotation = true
}

resource "aws_kms_key" "static" {
  description = "no rotation"
}

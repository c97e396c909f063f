variable "status" {}
variable "bucket" {}
variable "tags" {}
variable "instance_type" {}
variable "disk" {}
variable "lock" {}

resource "aws_s3_bucket" "data" {
  bucket              = var.bucket
  tags                = var.tags
  object_lock_enabled = var.lock
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = var.status
  }
}

resource "aws_instance" "app" {
  ami           = "ami-123"
  instance_type = var.instance_type
  root_block_device {
    volume_size = var.disk
    encrypted   = var.lock
  }
}

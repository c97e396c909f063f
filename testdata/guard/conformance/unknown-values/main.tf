variable "acl" {}
variable "size" {}
variable "tags" {}
variable "key_arn" {}

resource "aws_kms_key" "volumes" {
  description = "volumes"
}

resource "aws_s3_bucket_acl" "unknown" {
  bucket = "logs"
  acl    = var.acl
}

resource "aws_s3_bucket_acl" "public" {
  bucket = "site"
  acl    = "public-read"
}

resource "aws_ebs_volume" "unknown_everything" {
  availability_zone = "eu-west-1a"
  encrypted         = true
  kms_key_id        = aws_kms_key.volumes.arn
  size              = var.size
  type              = "gp3"
}

resource "aws_ebs_volume" "from_variable" {
  availability_zone = "eu-west-1a"
  encrypted         = true
  kms_key_id        = var.key_arn
  size              = 100
  type              = "gp3"
}

resource "aws_ebs_volume" "known_bad" {
  availability_zone = "eu-west-1a"
  encrypted         = false
  kms_key_id        = "alias/volumes"
  size              = 1000
  type              = "gp2"
}

resource "aws_instance" "tags_unknown" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  tags          = var.tags
}

resource "aws_instance" "owner_unknown" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  tags = {
    owner = var.acl
    Name  = var.acl
  }
}

resource "aws_instance" "untagged" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  tags = {
    team = "web"
  }
}

variable "office_cidr" {}
variable "profile" {}

resource "aws_security_group" "office" {
  name = "office"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [var.office_cidr, "192.168.0.0/16"]
  }
}

resource "aws_iam_instance_profile" "app" {
  name = var.profile
}

resource "aws_instance" "with_profile" {
  ami                  = "ami-123"
  instance_type        = "t3.micro"
  iam_instance_profile = "app-profile"
  tags = {
    owner = "web"
    Name  = "with-profile"
  }
}

# Known counterpart of `office`: no candidate matches and none is unknown, so `some` fails.
resource "aws_security_group" "public" {
  name = "public"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0", "192.168.0.0/16"]
  }
}

resource "aws_instance" "good" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_instance" "scripted" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = "#!/bin/sh\necho hi"
  metadata_options {
    http_endpoint = "enabled"
  }
}

resource "aws_instance" "bare" {
  ami           = "ami-123"
  instance_type = "t3.micro"
}

resource "aws_instance" "golden" {
  ami           = "ami-0golden1234"
  instance_type = "t3.micro"
}

resource "aws_instance" "rogue" {
  ami           = "ami-0ffee"
  instance_type = "c5.large"
}

resource "aws_instance" "base" {
  ami           = "ami-0base99"
  instance_type = "m6i.large"
}

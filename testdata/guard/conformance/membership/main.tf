resource "aws_db_instance" "app" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
}

resource "aws_db_instance" "legacy" {
  engine         = "sqlserver-ex"
  instance_class = "db.t3.micro"
}

resource "aws_db_instance" "maria" {
  engine         = "mariadb"
  instance_class = "db.t3.micro"
}

# ruleid: tf-rds-unencrypted
resource "aws_db_instance" "db" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
}

resource "aws_db_instance" "enc" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  # ok: tf-rds-unencrypted
  storage_encrypted = true
}

# ok: tf-rds-unencrypted
resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.enc.identifier
  instance_class      = "db.t3.micro"
}

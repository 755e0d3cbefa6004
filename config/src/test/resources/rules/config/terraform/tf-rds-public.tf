resource "aws_db_instance" "open" {
  engine              = "postgres"
  storage_encrypted   = true
  # ruleid: tf-rds-public
  publicly_accessible = true
}

resource "aws_db_instance" "closed" {
  engine              = "postgres"
  storage_encrypted   = true
  # ok: tf-rds-public
  publicly_accessible = false
}

resource "aws_s3_bucket" "site" {
  bucket = "example-site"
  # ruleid: tf-s3-public-acl
  acl    = "public-read"
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.site.id
  # ok: tf-s3-public-acl
  acl    = "private"
}

resource "aws_s3_bucket_acl" "var" {
  bucket = aws_s3_bucket.site.id
  # ok: tf-s3-public-acl
  acl    = var.acl
}

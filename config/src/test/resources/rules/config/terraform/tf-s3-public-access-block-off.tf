# ruleid: tf-s3-public-access-block-off
resource "aws_s3_bucket_public_access_block" "open" {
  bucket                  = aws_s3_bucket.site.id
  block_public_acls       = false
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# ok: tf-s3-public-access-block-off
resource "aws_s3_bucket_public_access_block" "closed" {
  bucket                  = aws_s3_bucket.site.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

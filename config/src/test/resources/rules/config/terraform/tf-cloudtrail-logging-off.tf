resource "aws_cloudtrail" "off" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
  # ruleid: tf-cloudtrail-logging-off
  enable_logging = false
}

resource "aws_cloudtrail" "on" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  # ok: tf-cloudtrail-logging-off
  enable_log_file_validation = true
}

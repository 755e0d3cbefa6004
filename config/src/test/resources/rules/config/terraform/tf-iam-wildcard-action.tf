resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        # ruleid: tf-iam-wildcard-action
        Action   = "*"
        Resource = "*"
      },
      {
        Effect   = "Allow"
        # ok: tf-iam-wildcard-action
        Action   = ["s3:GetObject"]
        Resource = "*"
      },
    ]
  })
}

data "aws_iam_policy_document" "doc" {
  statement {
    # ruleid: tf-iam-wildcard-action
    actions   = ["*"]
    resources = ["*"]
  }
  statement {
    effect    = "Deny"
    # ok: tf-iam-wildcard-action
    actions   = ["*"]
    resources = ["*"]
  }
}

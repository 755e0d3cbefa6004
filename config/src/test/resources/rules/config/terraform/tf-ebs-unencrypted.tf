# ruleid: tf-ebs-unencrypted
resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 40
}

resource "aws_ebs_volume" "off" {
  availability_zone = "eu-west-1a"
  size              = 40
  # ruleid: tf-ebs-unencrypted
  encrypted         = false
}

resource "aws_ebs_volume" "on" {
  availability_zone = "eu-west-1a"
  size              = 40
  # ok: tf-ebs-unencrypted
  encrypted         = true
}

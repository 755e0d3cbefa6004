region = "eu-central-1"
environment = "prod"
vpc_id = "vpc-0826d2410bf1c5a42"
kms_key_id = "arn:aws:kms:eu-central-1:864304599855:key/d9b20171-0b00-4e3c-a817-95a47cd021ea"

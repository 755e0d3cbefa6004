region = "eu-central-1"
environment = "staging"
vpc_id = "vpc-b9c19650406291575"
kms_key_id = "arn:aws:kms:eu-central-1:529540483462:key/329adb6d-ddd1-487d-9b60-84cd482aef10"

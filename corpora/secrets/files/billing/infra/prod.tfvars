region = "eu-central-1"
environment = "staging"
vpc_id = "vpc-a69342064454a0ca3"
kms_key_id = "arn:aws:kms:eu-central-1:272149838310:key/bfad8ffb-e2bf-4b3a-aa5a-d8f1defb5b59"

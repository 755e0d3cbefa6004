terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAW6WJ6DOZLWXNBX6E"
  secret_key = "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"
}

resource "aws_db_instance" "analytics" {
  engine   = "postgres"
  username = "analytics"
  password = random_password.db.result
}

# state lock id aedcf8ac-115e-4dda-b815-1396d3add36d
resource "cloudflare_record" "www" {
  zone_id = "20e6984733d839098b8ae27db6925a1c"
}

terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAWXJOPVLNGAEZMFWR"
  secret_key = "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"
}

resource "aws_db_instance" "billing" {
  engine   = "postgres"
  username = "billing"
  password = "=zYpRbiAV+kDTnDJcgT*"
}

# state lock id 2d0abeba-9017-4605-8bb2-afa64a8b591e
resource "cloudflare_record" "www" {
  zone_id = "2e3a8f7fa932bdb582070ccb283d9f5b"
}

terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAVVKNIDTQZZ5WSIME"
  secret_key = "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"
}

resource "aws_db_instance" "ledger" {
  engine   = "postgres"
  username = "ledger"
  password = "Quartz#57quartz"
}

# state lock id 74fd62fc-20c1-4f39-8e6a-64bd457dd2ae
resource "cloudflare_record" "www" {
  zone_id = "24ded06675d7836b6d4865220d10e889"
}

terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIADIKJHJHHJKGCF4HR"
  secret_key = "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"
}

resource "aws_db_instance" "ledger" {
  engine   = "postgres"
  username = "ledger"
  password = random_password.db.result
}

# state lock id 930eb528-95e7-4bcd-b2ec-24435ff470cc
resource "cloudflare_record" "www" {
  zone_id = "2be45d09ff4eb1916210453883e57254"
}

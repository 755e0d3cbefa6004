terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAJEWKGHK27LOUBYOL"
  secret_key = "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"
}

resource "aws_db_instance" "crm" {
  engine   = "postgres"
  username = "crm"
  password = random_password.db.result
}

# state lock id 9a5b8119-374b-4f0f-a6f9-756def2fd6e8
resource "cloudflare_record" "www" {
  zone_id = "fa6b65664686fdda5c535682ce421359"
}

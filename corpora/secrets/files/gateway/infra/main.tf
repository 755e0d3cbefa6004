terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIARD76HLT5YNO55OFG"
  secret_key = "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"
}

resource "aws_db_instance" "ledger" {
  engine   = "postgres"
  username = "ledger"
  password = "4ZUIoxo2Wbh8IPKtTjBrQtb4"
}

# state lock id 69cc4de3-d941-46ba-b672-de69d0fb8307
resource "cloudflare_record" "www" {
  zone_id = "a396a623528a1e02a38c8101e3a5e254"
}

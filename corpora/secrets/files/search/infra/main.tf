terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = var.aws_access_key
}

resource "aws_db_instance" "identity" {
  engine   = "postgres"
  username = "identity"
  password = "CawAC#sGhZFLv85cvFh3o8&7"
}

# state lock id da668943-d01e-4401-ae44-83f75fec721f
resource "cloudflare_record" "www" {
  zone_id = "af01678bd8b17f15250d86b4b2e51007"
}

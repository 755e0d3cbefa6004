terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = var.aws_access_key
}

resource "aws_db_instance" "inventory" {
  engine   = "postgres"
  username = "inventory"
  password = random_password.db.result
}

# state lock id 16f5c93b-3b72-4986-92e2-92decd2c5a6f
resource "cloudflare_record" "www" {
  zone_id = "8cbcc189216d299b1f0277605741508b"
}

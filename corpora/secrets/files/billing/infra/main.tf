terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = var.aws_access_key
}

resource "aws_db_instance" "billing" {
  engine   = "postgres"
  username = "billing"
  password = "EzcOEh5DahUaWU1hfb7"
}

# state lock id b49f3072-7909-4157-adc9-70ab1693409d
resource "cloudflare_record" "www" {
  zone_id = "8a2c8fbc54619a8089cf5b0a56e8859e"
}

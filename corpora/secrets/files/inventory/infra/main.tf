terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = var.aws_access_key
}

resource "aws_db_instance" "analytics" {
  engine   = "postgres"
  username = "analytics"
  password = random_password.db.result
}

# state lock id bd98251d-3191-45e7-aac4-06fff3a28f79
resource "cloudflare_record" "www" {
  zone_id = "bc0adb73968098137daa00648b664380"
}

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

# state lock id 70cdfb3f-7265-43bf-b16d-b471c43db42d
resource "cloudflare_record" "www" {
  zone_id = "607b7649fd920c6f48956e238cda964e"
}

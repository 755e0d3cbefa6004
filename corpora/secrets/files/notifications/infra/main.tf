terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = var.aws_access_key
}

resource "aws_db_instance" "gateway" {
  engine   = "postgres"
  username = "gateway"
  password = "Y3x&2LdQtZY?H7g4+"
}

# state lock id 0647b91a-acb0-45aa-a9ef-cf1b564e1f12
resource "cloudflare_record" "www" {
  zone_id = "ddf3622b880837a11547b768e78d0f5e"
}

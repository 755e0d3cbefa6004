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

# state lock id b5ffcb55-5c07-4040-81d2-59fa0147218b
resource "cloudflare_record" "www" {
  zone_id = "741e48cf1d9895af76bdd3a9d884c1f1"
}

terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = var.aws_access_key
}

resource "aws_db_instance" "payroll" {
  engine   = "postgres"
  username = "payroll"
  password = random_password.db.result
}

# state lock id 4f8c66eb-b446-440d-9dd7-6fe837bee313
resource "cloudflare_record" "www" {
  zone_id = "eac03d32e2022398031beb166e8e90fa"
}

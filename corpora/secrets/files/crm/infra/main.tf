terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = var.aws_access_key
}

resource "aws_db_instance" "reports" {
  engine   = "postgres"
  username = "reports"
  password = random_password.db.result
}

# state lock id bd5b266b-daf9-45b2-801a-2dff09d55cb8
resource "cloudflare_record" "www" {
  zone_id = "e924be27d48cc68fd108989685d4966f"
}

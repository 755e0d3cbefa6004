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
  password = "Ember%609harbor"
}

# state lock id 39edeebe-9054-4e46-9d50-575f8c2060f5
resource "cloudflare_record" "www" {
  zone_id = "36006c1fd8fc539c8fba79d97e96630a"
}

resource "azurerm_mssql_firewall_rule" "all" {
  name             = "all"
  server_id        = azurerm_mssql_server.sql.id
  start_ip_address = "0.0.0.0"
  # ruleid: tf-db-firewall-open
  end_ip_address   = "255.255.255.255"
}

resource "azurerm_mssql_firewall_rule" "azure" {
  name             = "AllowAzureServices"
  server_id        = azurerm_mssql_server.sql.id
  start_ip_address = "0.0.0.0"
  # ok: tf-db-firewall-open
  end_ip_address   = "0.0.0.0"
}

resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "POSTGRES_15"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      authorized_networks {
        name  = "anyone"
        # ruleid: tf-db-firewall-open
        value = "0.0.0.0/0"
      }
      authorized_networks {
        name  = "office"
        # ok: tf-db-firewall-open
        value = "203.0.113.0/24"
      }
    }
  }
}

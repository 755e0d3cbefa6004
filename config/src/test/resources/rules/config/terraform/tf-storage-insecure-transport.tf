resource "azurerm_storage_account" "old" {
  name                     = "oldtls"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  # ruleid: tf-storage-insecure-transport
  min_tls_version          = "TLS1_0"
}

resource "azurerm_storage_account" "new" {
  name                     = "newtls"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  # ok: tf-storage-insecure-transport
  min_tls_version          = "TLS1_2"
}

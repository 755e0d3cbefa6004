resource "azurerm_storage_container" "public" {
  name                  = "content"
  storage_account_name  = azurerm_storage_account.sa.name
  # ruleid: tf-azure-storage-public
  container_access_type = "blob"
}

resource "azurerm_storage_container" "private" {
  name                  = "content"
  storage_account_name  = azurerm_storage_account.sa.name
  # ok: tf-azure-storage-public
  container_access_type = "private"
}

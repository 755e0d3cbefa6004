#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of catalog

mysqldump --host=db.prod --user=backup --password="$MYSQL_PWD" catalog | gzip > /backups/catalog.sql.gz
curl -fsS -H "Authorization: Bearer SKyxzjPWICNWqTNgQaPUaiSKpi5GMZQTJsVanBqU" https://hooks.catalog.internal/backup-done
echo "d33588c23a4bf022a0dc0772c66f5f43de21d7ec7acd3e5048078c2d5706d9cb  /backups/catalog.sql.gz" | sha256sum -c -
read -rsp "Password: " password

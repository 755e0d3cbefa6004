#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of gateway

mysqldump --host=db.prod --user=backup --password="$MYSQL_PWD" gateway | gzip > /backups/gateway.sql.gz
curl -fsS -H "Authorization: Bearer xxSy9mhGtQqRLdp7YHdXXqe6QDrwluqirrEtZJM5" https://hooks.gateway.internal/backup-done
echo "4ec6711565b83c9194c000048ba5ecaf8d801f413b44274b3ea335afa73032cf  /backups/gateway.sql.gz" | sha256sum -c -
read -rsp "Password: " password

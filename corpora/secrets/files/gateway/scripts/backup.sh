#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of gateway

mysqldump --host=db.prod --user=backup --password=0stJF8uE5sutyxRf3C9 gateway | gzip > /backups/gateway.sql.gz
curl -fsS -H "Authorization: Bearer Avu5mj8dSGzP0Ay1veGgJH1yjF5uL5RVDNVN4Snc" https://hooks.gateway.internal/backup-done
echo "5500694cf218f95a247a928f3c19642380e3e6f324cee6e5a5139912b0c8aebc  /backups/gateway.sql.gz" | sha256sum -c -
read -rsp "Password: " password

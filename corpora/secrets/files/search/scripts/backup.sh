#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of inventory

mysqldump --host=db.prod --user=backup --password=o=*8P?dzj4+3ss&kkh6WY#RSN%kX inventory | gzip > /backups/inventory.sql.gz
curl -fsS -H "Authorization: Bearer r9vH0tcxt8Lqg9NF5Qv0poFOkBEyYSLWqMEipTvE" https://hooks.inventory.internal/backup-done
git clone https://ci-bot: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@github.com/inventory/infra.git
echo "19b986f493859f24f452c8f96a6eb5709e162cd1be2616b3e211e021a92e91d0  /backups/inventory.sql.gz" | sha256sum -c -
read -rsp "Password: " password

#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of catalog

mysqldump --host=db.prod --user=backup --password=winter-quartz-42Copper catalog | gzip > /backups/catalog.sql.gz
export CIRCLE_TOKEN="CCIPAT_h1DADO2uDoCq4CkdgQXLOQ_82d68bd150684e09b712a4c66e13018626076255"
curl -fsS -H "Authorization: Bearer ${BACKUP_TOKEN}" https://hooks.internal/backup-done
git clone https://ci-bot: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@github.com/catalog/infra.git
echo "74cbb97223ceacd2951905d6d48802f4734a190d081d74529bfbaae7c0bd0913  /backups/catalog.sql.gz" | sha256sum -c -
read -rsp "Password: " password

#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of catalog

mysqldump --host=db.prod --user=backup --password="$MYSQL_PWD" catalog | gzip > /backups/catalog.sql.gz
export HF_TOKEN="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"
curl -fsS -H "Authorization: Bearer ${BACKUP_TOKEN}" https://hooks.internal/backup-done
git clone https://ci-bot: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@github.com/catalog/infra.git
echo "a16b2d8cb29fc3a07412a2ccef6f160ccb492afea15cb1fb86c50776d18f18ae  /backups/catalog.sql.gz" | sha256sum -c -
read -rsp "Password: " password

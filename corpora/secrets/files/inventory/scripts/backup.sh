#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of analytics

mysqldump --host=db.prod --user=backup --password=Quartz%60orchid analytics | gzip > /backups/analytics.sql.gz
export NPM_TOKEN="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"
curl -fsS -H "Authorization: Bearer ${BACKUP_TOKEN}" https://hooks.internal/backup-done
echo "df53e3fe775a9bb87568b1643a3bb2fb44fc00a46c844aa447894c4363919687  /backups/analytics.sql.gz" | sha256sum -c -
read -rsp "Password: " password

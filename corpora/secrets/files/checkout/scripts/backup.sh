#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of notifications

mysqldump --host=db.prod --user=backup --password=cNaxSy=NRm659%ErN*ma=qZA? notifications | gzip > /backups/notifications.sql.gz
export GH_TOKEN="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"
curl -fsS -H "Authorization: Bearer ${BACKUP_TOKEN}" https://hooks.internal/backup-done
echo "001d45c79a9eeda5aaa85e1fed924aa341f6fc341d2548071bd8a06afb506f56  /backups/notifications.sql.gz" | sha256sum -c -
read -rsp "Password: " password

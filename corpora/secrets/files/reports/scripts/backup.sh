#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of billing

mysqldump --host=db.prod --user=backup --password=Ember#49lagoon billing | gzip > /backups/billing.sql.gz
curl -fsS -H "Authorization: Bearer ${BACKUP_TOKEN}" https://hooks.internal/backup-done
echo "4e6c672009d0a9781a3b6e8757816b13406c00cec1f87ad3e95ea16388bce132  /backups/billing.sql.gz" | sha256sum -c -
read -rsp "Password: " password

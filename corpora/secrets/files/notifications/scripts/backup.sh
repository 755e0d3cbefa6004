#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of crm

mysqldump --host=db.prod --user=backup --password="$MYSQL_PWD" crm | gzip > /backups/crm.sql.gz
curl -fsS -H "Authorization: Bearer ${BACKUP_TOKEN}" https://hooks.internal/backup-done
echo "0d727575f7cc19d67f417cc03a87e5c8dfd36d95fc35ddddba243f76ec0d6729  /backups/crm.sql.gz" | sha256sum -c -
read -rsp "Password: " password

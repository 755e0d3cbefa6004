#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of notifications

mysqldump --host=db.prod --user=backup --password=Winter#0104harbor notifications | gzip > /backups/notifications.sql.gz
export BITBUCKET_APP_PASSWORD="ATBBiFo8vYMmG4yyI3xqrGqhMSQXf80G7FCA3488"
curl -fsS -H "Authorization: Bearer ${BACKUP_TOKEN}" https://hooks.internal/backup-done
echo "3d2f19a0e3b8b863b4de5086981d7569fe88b2e9d0dfc7db54e68e15c1239b75  /backups/notifications.sql.gz" | sha256sum -c -
read -rsp "Password: " password

#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of notifications

mysqldump --host=db.prod --user=backup --password="$MYSQL_PWD" notifications | gzip > /backups/notifications.sql.gz
export PLAID_ACCESS_TOKEN="access-production-ebadce3e-2a4a-4c7b-b0e5-f7406fe54c33"
curl -fsS -H "Authorization: Bearer XgeqFC2GtRguSiy0QB5vwlpX4SI1cNYARQXs8xsT" https://hooks.notifications.internal/backup-done
git clone https://ci-bot: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@github.com/notifications/infra.git
echo "7e9bfb5d213142e582a200392f1f0d64c8c737c3195e0428547f4e1814854232  /backups/notifications.sql.gz" | sha256sum -c -
read -rsp "Password: " password

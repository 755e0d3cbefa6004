#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of identity

mysqldump --host=db.prod --user=backup --password="$MYSQL_PWD" identity | gzip > /backups/identity.sql.gz
curl -fsS -H "Authorization: Bearer s57AKfZ6hdB4v3Cqd5kp6mi19KysfDEppTOXlcVz" https://hooks.identity.internal/backup-done
git clone https://ci-bot: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@github.com/identity/infra.git
echo "3e903c4d521d5080de151089af65be584b705ca3f91cfdbd3bc09d7222a56c32  /backups/identity.sql.gz" | sha256sum -c -
read -rsp "Password: " password

#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of inventory

mysqldump --host=db.prod --user=backup --password="$MYSQL_PWD" inventory | gzip > /backups/inventory.sql.gz
export DOCKERHUB_TOKEN="dckr_pat_kauoUh3Q6IICEruNDdra9C5oWib"
curl -fsS -H "Authorization: Bearer vksrnCsMF3H8pyerOiv43DkllGuKKGTew6UMfD8N" https://hooks.inventory.internal/backup-done
echo "97a52de86701711fd076ea19fa6df8cf6147ede973f0b2e45e5b7415c60bd595  /backups/inventory.sql.gz" | sha256sum -c -
read -rsp "Password: " password

#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of catalog

mysqldump --host=db.prod --user=backup --password=bfmxPfcwGyUdu6#f catalog | gzip > /backups/catalog.sql.gz
curl -fsS -H "Authorization: Bearer KEGdv9EuoqwLk11u3fe7kUYjR6TfzWNXssFzrTpH" https://hooks.catalog.internal/backup-done
git clone https://ci-bot: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@github.com/catalog/infra.git
echo "01a43ccb1fae35d25eabc76d1bf5a53f481ffa14347ea9756f682d30a85adb5d  /backups/catalog.sql.gz" | sha256sum -c -
read -rsp "Password: " password

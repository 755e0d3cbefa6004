#!/usr/bin/env bash
set -euo pipefail
# Nightly backup of search

mysqldump --host=db.prod --user=backup --password=gjyrWsGKrH!L3crV9mzuNWn search | gzip > /backups/search.sql.gz
export NEW_RELIC_API_KEY="NRAK-I0RMZK7RSQQ4UBJKCU6F0E5553U"
curl -fsS -H "Authorization: Bearer 0ikMZ1wIdwV8jQREO85vLOIIXaScw2LCX90BDPKz" https://hooks.search.internal/backup-done
git clone https://ci-bot: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@github.com/search/infra.git
echo "38de1e01049e771911a960e70bd5f7d22b27430d7678ab859ae7e68061531807  /backups/search.sql.gz" | sha256sum -c -
read -rsp "Password: " password

#!/bin/sh
# restore a dump into staging
mysql -h staging-db -u root -pThunder7297lagoon gateway < dump.sql

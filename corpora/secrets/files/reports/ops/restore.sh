#!/bin/sh
# restore a dump into staging
mysql -h staging-db -u root -p checkout < dump.sql

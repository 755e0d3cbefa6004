#!/bin/sh
# restore a dump into staging
mysql -h staging-db -u root -pMeadow@52cobalt reports < dump.sql

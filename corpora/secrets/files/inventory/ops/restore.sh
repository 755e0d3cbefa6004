#!/bin/sh
# restore a dump into staging
mysql -h staging-db -u root -pVr%f#ET!zjwp2G5W gateway < dump.sql

-- H2 only: a list filtered by status and path prefix reads the prefix's range of this index
-- (FindingStore adds the range next to the LIKE) instead of the whole queue in severity order.
-- findings_by_path (V1) serves the same without a status. PostgreSQL has its own V5.
CREATE INDEX findings_by_status_path ON findings (project_id, status, path);

-- PostgreSQL only: the status-filtered list (open findings, the default) with a path prefix
-- reads this index's range for the prefix; findings_path_prefix (V2) serves it without a status.
-- text_pattern_ops, as in V2, because LIKE 'prefix%' cannot use a collation-ordered index.
CREATE INDEX findings_by_status_path ON findings (project_id, status, path text_pattern_ops);

-- PostgreSQL only: under its default collation a plain index cannot serve LIKE 'prefix%', so the
-- path filter would read a project's whole queue. text_pattern_ops makes the prefix an index
-- range. (H2 serves prefixes from findings_by_path.) Common migrations continue at V3.
CREATE INDEX findings_path_prefix ON findings (project_id, path text_pattern_ops);

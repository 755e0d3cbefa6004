-- Portable SQL: the same table on H2 and PostgreSQL (the vendor folders hold what is not).
-- Detections written by the stream job, one row per detection id. The id is derived from what was
-- detected (rule and event, or correlation, group and window), so a job that replays events after
-- a failure writes the same ids again and the insert keeps the first row: no loss, no duplicate.
CREATE TABLE stream_alerts (
  id          VARCHAR(64) PRIMARY KEY,
  rule_id     VARCHAR(200),
  rule_title  VARCHAR(500) NOT NULL,
  level       VARCHAR(16) NOT NULL,
  event_time  TIMESTAMP WITH TIME ZONE,
  source      VARCHAR(2000),
  record_id   VARCHAR(200),
  host        VARCHAR(500),
  user_name   VARCHAR(500),
  correlation BOOLEAN NOT NULL,
  summary     VARCHAR(2000),
  body        TEXT NOT NULL,
  stored_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX stream_alerts_by_time ON stream_alerts (event_time);

-- Portable SQL: the same table on H2 and PostgreSQL.
-- Incidents formed by the stream job, one row per incident id. The id is derived from the
-- detections the incident groups, so a job that replays after a failure and forms the same incident
-- writes the same id again and the insert keeps the first row.
CREATE TABLE stream_incidents (
  id          VARCHAR(64) PRIMARY KEY,
  title       VARCHAR(1000) NOT NULL,
  score       INT NOT NULL,
  first_time  TIMESTAMP WITH TIME ZONE,
  last_time   TIMESTAMP WITH TIME ZONE,
  hosts       VARCHAR(4000),
  users       VARCHAR(4000),
  detections  INT NOT NULL,
  body        TEXT NOT NULL,
  stored_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX stream_incidents_by_time ON stream_incidents (first_time);

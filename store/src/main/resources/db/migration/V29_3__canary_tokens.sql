-- Portable SQL: the same tables on H2 and PostgreSQL.
-- The team's canary token registry: tokens made with `bulwark canary create --server URL` are
-- registered here through the API, so the server knows what each planted token is and where it
-- was planted when it calls back. Only SHA-256 digests of the planted secret values are kept
-- (space-separated), never the values, so the registry leaks no decoy.
CREATE TABLE canary_tokens (
  id          VARCHAR(20) PRIMARY KEY,
  kind        VARCHAR(16) NOT NULL,
  project     VARCHAR(200) NOT NULL,
  memo        VARCHAR(500) NOT NULL,
  callback    VARCHAR(1000) NOT NULL,
  secrets     VARCHAR(1000) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by  BIGINT REFERENCES users(id)
);
CREATE INDEX canary_tokens_by_time ON canary_tokens (created_at);

-- How a call-back arrived: an HTTP request to /c/{id} or a DNS lookup of {id}.{zone}. Alerts
-- stored before this column existed were all HTTP.
ALTER TABLE canary_alerts ADD COLUMN channel VARCHAR(8) DEFAULT 'http' NOT NULL;

-- Portable SQL: the same table on H2 and PostgreSQL (the vendor folders hold what is not).
-- Call-backs of canary tokens received by the server. The key is a digest of token, source
-- address, user agent and the second the call-back arrived, so a client that retries the same
-- request, or a document viewer that fetches the same URL twice at once, leaves one row.
CREATE TABLE canary_alerts (
  id          CHAR(64) PRIMARY KEY,
  token_id    VARCHAR(64) NOT NULL,
  seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  source      VARCHAR(100) NOT NULL,
  user_agent  VARCHAR(512)
);
CREATE INDEX canary_alerts_by_time ON canary_alerts (seen_at);

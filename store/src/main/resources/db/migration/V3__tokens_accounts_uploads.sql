-- Tokens expire and say when they were last used; the first-run token must be rotated.
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_tokens ADD COLUMN first_run BOOLEAN DEFAULT FALSE NOT NULL;
-- Admins disable users instead of deleting them (the audit log and labels keep their name).
ALTER TABLE users ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
-- The SHA-256 of an upload's body: the same idempotency key with another body is a conflict.
ALTER TABLE scans ADD COLUMN upload_hash CHAR(64);
-- The audit log is read newest first, filtered by action.
CREATE INDEX audit_by_action ON audit (action, id);
-- A console session opened with the first-run token may only set a password.
ALTER TABLE sessions ADD COLUMN first_run BOOLEAN DEFAULT FALSE NOT NULL;

-- What staff did, for an admin to read at /staff/audit: logins (failed ones too), account,
-- unit, point and catalogue changes, imports, exports and API keys. Append-only.
CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,                        -- ISO 8601, UTC
  user_id  INTEGER REFERENCES users(id),         -- null: no account (a failed login, the command line, an API key)
  action   TEXT NOT NULL,                        -- e.g. 'login.failed', 'unit.update'
  target   TEXT,                                 -- what was acted on, e.g. 'unit:12'
  details  TEXT                                  -- JSON object; never a password or a token
) STRICT;
CREATE INDEX audit_log_action ON audit_log(action, id);
CREATE INDEX audit_log_user ON audit_log(user_id, id);

-- One-time invitations bound to one transaction, and counter kiosks locked by a PIN.

-- Only the sha256 of an invitation token is stored: a copy of the database answers no survey.
-- The dossier reference is kept only as an HMAC-SHA256 under a server secret (settings or env).
CREATE TABLE invitations (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  service_id   INTEGER REFERENCES services(id),
  procedure_id INTEGER REFERENCES procedures(id),
  dossier_hash TEXT,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  used_at      TEXT,
  created_by   TEXT NOT NULL,                     -- 'key:<api key id>' or 'user:<user id>'
  response_id  INTEGER REFERENCES responses(id)
) STRICT;
CREATE INDEX invitations_unit ON invitations(unit_id, created_at);
CREATE INDEX invitations_dossier ON invitations(dossier_hash) WHERE dossier_hash IS NOT NULL;

-- A tablet at a counter in kiosk mode: opened by staff of the point's unit, left with the PIN
-- they set (stored as scrypt). The device holds a random token; the database its sha256.
CREATE TABLE kiosk_sessions (
  id         INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  point_id   INTEGER NOT NULL REFERENCES collection_points(id),
  pin_hash   TEXT NOT NULL,
  opened_by  INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  closed_at  TEXT
) STRICT;
CREATE INDEX kiosk_sessions_point ON kiosk_sessions(point_id);

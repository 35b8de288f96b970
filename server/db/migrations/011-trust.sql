-- Trust: units stay a tree, an invitation's answer cannot be linked to its dossier, and the
-- login throttle survives a restart.

-- Deleted content is overwritten with zeros instead of left in free pages, so that the
-- links and instants removed below cannot be read back from a copy of the file.
PRAGMA secure_delete = ON;

-- 1. Units form a tree: a unit is never its own ancestor, and a chain of successors never
-- leads back to where it started. The services check this first and explain it; these
-- triggers make the database refuse it whoever writes (an import, a typed SQL command).
CREATE TRIGGER units_parent_no_cycle BEFORE UPDATE OF parent_id ON units
WHEN NEW.parent_id IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'units.parent_id would form a cycle')
  WHERE EXISTS (
    WITH RECURSIVE up(id) AS (
      SELECT NEW.parent_id
      UNION SELECT u.parent_id FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)
    SELECT 1 FROM up WHERE id = NEW.id);
END;

CREATE TRIGGER units_parent_not_self AFTER INSERT ON units
WHEN NEW.parent_id = NEW.id OR NEW.successor_id = NEW.id
BEGIN
  SELECT RAISE(ABORT, 'a unit cannot be its own parent or successor');
END;

CREATE TRIGGER units_successor_no_cycle BEFORE UPDATE OF successor_id ON units
WHEN NEW.successor_id IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'units.successor_id would form a cycle')
  WHERE EXISTS (
    WITH RECURSIVE chain(id) AS (
      SELECT NEW.successor_id
      UNION SELECT u.successor_id FROM units u JOIN chain ON u.id = chain.id WHERE u.successor_id IS NOT NULL)
    SELECT 1 FROM chain WHERE id = NEW.id);
END;

-- 2. An invitation keeps only that it was used, and on which local day: not which response
-- used it (response_id), not the second it was used. Otherwise a copy of the database, or
-- the one-stop system that knows when it printed each dossier's slip, leads from a dossier
-- to its answer and comment.
ALTER TABLE invitations DROP COLUMN response_id;
UPDATE invitations SET used_at = date(used_at, '+7 hours') WHERE used_at IS NOT NULL AND length(used_at) > 10;

-- The same instant sat on the response itself. An invitation's response keeps only its
-- local day: created_at becomes the start of that day in Vietnam, written in UTC (the
-- column's format), e.g. local day 2026-05-04 → 2026-05-03T17:00:00.000Z.
-- Its submission id began with the instant the form was shown (base 36 milliseconds): new
-- ones are a hash of the form's id (invitations.service.ts), old ones become random.
UPDATE responses SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', local_date, '-7 hours'),
  submission_id = 'i-' || lower(hex(randomblob(16)))
WHERE channel = 'invitation';

-- 3. The login throttle, so that a restart does not hand an attacker fresh attempts. Keys
-- are keyed hashes (HMAC under the login key, derived from the server's key file, which is
-- never in the database) of the typed username, of the username with a client address or
-- with a known browser, or of a client address: no raw address, no typed username is
-- stored. A row is deleted once it no longer counts.
CREATE TABLE login_throttle (
  key          TEXT PRIMARY KEY,    -- 'u:…' username, 'uc:…' username and client, 'c:…' client
  failures     INTEGER NOT NULL,    -- failed logins since the row was last idle for LOGIN_LOCK_MINUTES
  last_at      INTEGER NOT NULL,    -- the last failure, milliseconds since 1970 (UTC)
  locked_until INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;
CREATE INDEX login_throttle_last ON login_throttle(last_at);

-- Back to SQLite's default for the connection that ran this migration.
PRAGMA secure_delete = OFF;

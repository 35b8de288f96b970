-- API keys for the figures API and exports: scoped to a unit subtree, stored only as a hash.
-- Depends on 001 only (units), never on 002 (staff accounts), so either may be applied first.
CREATE TABLE api_keys (
  id           INTEGER PRIMARY KEY,
  key_hash     TEXT NOT NULL UNIQUE,                -- hex sha256 of the key; the key itself is shown once
  prefix       TEXT NOT NULL,                       -- first characters, so an admin can tell keys apart
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  label        TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
) STRICT;

-- Figures of one unit (or a few) over a long period: the primary key leads with the date,
-- which suits "every unit, one period"; this one suits "one commune, five years".
CREATE INDEX answer_counts_unit_date ON answer_counts(unit_id, local_date);

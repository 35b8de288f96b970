-- Units, service fields, collection points, responses and their answers.

-- Key/value facts the app keeps about itself (e.g. that the demo seed ran).
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Administrative units as a tree of any depth; a merged unit points to its successor.
CREATE TABLE units (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  type         TEXT NOT NULL CHECK (type IN ('tinh', 'thanh_pho', 'huyen', 'xa', 'phuong', 'thi_tran', 'dac_khu')),
  parent_id    INTEGER REFERENCES units(id),
  successor_id INTEGER REFERENCES units(id),
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX units_parent ON units(parent_id);

-- Service fields (lĩnh vực).
CREATE TABLE services (
  id      INTEGER PRIMARY KEY,
  code    TEXT NOT NULL UNIQUE,
  name_vi TEXT NOT NULL,
  name_en TEXT,
  active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- Administrative procedures (thủ tục hành chính), with the national code where known.
CREATE TABLE procedures (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  national_code TEXT,
  service_id    INTEGER NOT NULL REFERENCES services(id),
  name          TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- Which units offer which service fields.
CREATE TABLE unit_services (
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  service_id INTEGER NOT NULL REFERENCES services(id),
  PRIMARY KEY (unit_id, service_id)
) STRICT, WITHOUT ROWID;

-- A counter (or other place) where citizens are asked; `code` goes into the QR URL.
CREATE TABLE collection_points (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  label      TEXT NOT NULL,
  service_id INTEGER REFERENCES services(id),
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX collection_points_unit ON collection_points(unit_id);

-- One row per submitted questionnaire. No name, no IP address, no user agent.
CREATE TABLE responses (
  id                 INTEGER PRIMARY KEY,
  submission_id      TEXT NOT NULL UNIQUE,           -- random token of the form shown; makes a resubmit a no-op
  definition_id      TEXT NOT NULL,
  definition_version INTEGER NOT NULL,
  unit_id            INTEGER NOT NULL REFERENCES units(id),
  point_id           INTEGER REFERENCES collection_points(id),
  service_id         INTEGER REFERENCES services(id),
  procedure_id       INTEGER REFERENCES procedures(id),
  channel            TEXT NOT NULL CHECK (channel IN ('poster', 'invitation', 'kiosk')),
  verified           INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
  flagged            INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  is_demo            INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  lang               TEXT NOT NULL,
  local_date         TEXT NOT NULL,                  -- YYYY-MM-DD in Vietnam's time (UTC+7)
  created_at         TEXT NOT NULL                   -- ISO 8601, UTC
) STRICT;
CREATE INDEX responses_date_unit ON responses(local_date, unit_id);

-- Answers to rating and choice questions: one row per chosen value ('1'..'5', 'na', option value).
CREATE TABLE answers (
  response_id INTEGER NOT NULL REFERENCES responses(id),
  question_id TEXT NOT NULL,
  value       TEXT NOT NULL,
  PRIMARY KEY (response_id, question_id, value)
) STRICT, WITHOUT ROWID;

-- Free-text answers, kept apart so that retention and moderation touch nothing else.
CREATE TABLE text_answers (
  response_id INTEGER NOT NULL REFERENCES responses(id),
  question_id TEXT NOT NULL,
  text        TEXT NOT NULL,
  PRIMARY KEY (response_id, question_id)
) STRICT, WITHOUT ROWID;

-- Counts kept in the same transaction as each response so that figures never rescan raw
-- answers. point_id and service_id are 0 where the response has none. The pseudo question
-- '_response' with value '1' counts responses.
CREATE TABLE answer_counts (
  local_date         TEXT NOT NULL,
  unit_id            INTEGER NOT NULL,
  point_id           INTEGER NOT NULL,
  service_id         INTEGER NOT NULL,
  definition_id      TEXT NOT NULL,
  definition_version INTEGER NOT NULL,
  flagged            INTEGER NOT NULL,
  question_id        TEXT NOT NULL,
  value              TEXT NOT NULL,
  n                  INTEGER NOT NULL,
  PRIMARY KEY (local_date, unit_id, point_id, service_id, definition_id, definition_version, flagged, question_id, value)
) STRICT, WITHOUT ROWID;

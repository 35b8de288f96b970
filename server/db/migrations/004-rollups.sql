-- Rollups of answer_counts for CLOSED periods only: months ('YYYY-MM') and years ('YYYY')
-- in Vietnam's time. A year's figures for every unit × service then read one row per
-- (unit, service, question) instead of one per day and value. Built lazily (at start-up,
-- once a day, and on demand by the figures), never on the submission path: a closed day
-- never changes, because a response is always counted on the server's current local day.
-- `npm run recount -- --fix` drops and rebuilds them. Only the questions the formula uses.

-- Which column (v1..v8) holds the count of which answer value of a question. Assigned as
-- values are first met, so the table knows no questionnaire: likert levels and priority
-- options fit; a question with more than eight values is left to the daily counts.
CREATE TABLE rollup_slots (
  question_id TEXT NOT NULL,
  value       TEXT NOT NULL,
  slot        INTEGER NOT NULL CHECK (slot BETWEEN 1 AND 8),
  PRIMARY KEY (question_id, value),
  UNIQUE (question_id, slot)
) STRICT, WITHOUT ROWID;

-- "Wide": the counts of all of a question's values in one row, and no collection point.
-- flagged is last in the key so that one bucket is already in GROUP BY order.
CREATE TABLE answer_rollups (
  bucket             TEXT NOT NULL,
  unit_id            INTEGER NOT NULL,
  service_id         INTEGER NOT NULL,
  definition_id      TEXT NOT NULL,
  definition_version INTEGER NOT NULL,
  question_id        TEXT NOT NULL,
  flagged            INTEGER NOT NULL,
  v1 INTEGER NOT NULL, v2 INTEGER NOT NULL, v3 INTEGER NOT NULL, v4 INTEGER NOT NULL,
  v5 INTEGER NOT NULL, v6 INTEGER NOT NULL, v7 INTEGER NOT NULL, v8 INTEGER NOT NULL,
  PRIMARY KEY (bucket, unit_id, service_id, definition_id, definition_version, question_id, flagged)
) STRICT, WITHOUT ROWID;

-- The buckets built, and for which questions: a bucket built for another question set
-- (the questionnaire changed) counts as missing and is built again.
CREATE TABLE rollup_buckets (
  bucket    TEXT PRIMARY KEY,
  questions TEXT NOT NULL,
  built_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

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

-- One row per (bucket, unit, service, definition, version, flagged): the counts of every
-- rolled-up question and value packed as little-endian int32, question by question in the
-- order of rollup_buckets.questions, eight columns (slots) each. Why so wide: a year of
-- every unit × service is then 3,000 rows; one row per question (81,000 rows of v1..v8
-- columns) cost 170–390 ms just to hand to JavaScript, over the 100 ms budget, while
-- SQLite summed them in 13 ms. Sums across buckets happen in JavaScript over typed arrays.
CREATE TABLE answer_rollups (
  bucket             TEXT NOT NULL,
  unit_id            INTEGER NOT NULL,
  service_id         INTEGER NOT NULL,
  definition_id      TEXT NOT NULL,
  definition_version INTEGER NOT NULL,
  flagged            INTEGER NOT NULL,
  counts             BLOB NOT NULL,
  PRIMARY KEY (bucket, unit_id, service_id, definition_id, definition_version, flagged)
) STRICT, WITHOUT ROWID;

-- The buckets built, and for which questions: a bucket built for another question set
-- (the questionnaire changed) counts as missing and is built again.
CREATE TABLE rollup_buckets (
  bucket    TEXT PRIMARY KEY,
  questions TEXT NOT NULL,
  built_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

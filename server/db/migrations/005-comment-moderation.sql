-- Hiding an abusive free-text comment from view. The text itself (text_answers) is never
-- deleted; each hiding is a row with who and when, and un-hiding closes that row, so the
-- history of who hid and who restored a comment is kept.
CREATE TABLE comment_moderation (
  id          INTEGER PRIMARY KEY,
  response_id INTEGER NOT NULL REFERENCES responses(id),
  question_id TEXT NOT NULL,
  hidden_at   TEXT NOT NULL,                        -- ISO 8601, UTC
  hidden_by   INTEGER NOT NULL REFERENCES users(id),
  reason      TEXT,
  unhidden_at TEXT,
  unhidden_by INTEGER REFERENCES users(id)
) STRICT;
-- At most one open hiding per comment; "is it hidden?" reads this index.
CREATE UNIQUE INDEX comment_moderation_open ON comment_moderation(response_id, question_id) WHERE unhidden_at IS NULL;

-- Rating first, details in short steps (issue 12). The first page stores a response; each
-- detail step then adds its answers to that same response, but only from the device that
-- sent it and only for two hours.
--
-- One row per response that may still be added to. The device holds a random token in an
-- HttpOnly cookie scoped to its survey path; only the token's SHA-256 is kept here. `steps`
-- lists the steps already stored (JSON array of step keys), so that a reload, back or
-- forward never stores a step twice. When the citizen finishes, or the kiosk starts over,
-- `token_hash` is blanked (NULL): the device no longer leads to the response, and the row
-- stays only so that the response cannot be opened again. A scheduled cleanup deletes every
-- row once `expires_at` has passed: the link between a device and a response does not
-- outlive the window, and a response is never opened again after it (only a live row gets a
-- new token, responses.service.ts `resume`).
CREATE TABLE continuations (
  response_id INTEGER PRIMARY KEY REFERENCES responses(id),
  token_hash  TEXT UNIQUE,
  steps       TEXT NOT NULL DEFAULT '[]',
  expires_at  TEXT NOT NULL                  -- ISO 8601, UTC: created_at of the response + 2 hours
) STRICT;
CREATE INDEX continuations_expiry ON continuations(expires_at);

-- A counter's label for English readers ("One-stop counter" for "Bộ phận Một cửa"); NULL
-- shows the Vietnamese label.
ALTER TABLE collection_points ADD COLUMN label_en TEXT;
UPDATE collection_points SET label_en = 'One-stop counter' WHERE label = 'Bộ phận Một cửa';

-- Poster abuse rules (issue 11 §4) and the citizen path's speed (issue 14 §1-2).

-- Why a response was flagged (issue 11 §4): one bit per abuse rule (server/abuse/flag-reasons.ts),
-- so that the dashboard can say how many responses each rule flagged. `flagged` stays the
-- column every figure filters on; it is 1 exactly when `flag_reasons` is not 0.
ALTER TABLE responses ADD COLUMN flag_reasons INTEGER NOT NULL DEFAULT 0;

-- Responses flagged before this migration: the rule was not recorded (bit 15, "earlier").
UPDATE responses SET flag_reasons = 32768 WHERE flagged = 1;

-- The database itself keeps the two columns consistent, whoever writes (the app, a seed, a tool).
CREATE TRIGGER responses_flag_reasons_insert BEFORE INSERT ON responses
WHEN (NEW.flag_reasons <> 0) <> NEW.flagged
BEGIN
  SELECT RAISE(ABORT, 'responses.flagged must be 1 exactly when flag_reasons is not 0');
END;
CREATE TRIGGER responses_flag_reasons_update BEFORE UPDATE OF flagged, flag_reasons ON responses
WHEN (NEW.flag_reasons <> 0) <> NEW.flagged
BEGIN
  SELECT RAISE(ABORT, 'responses.flagged must be 1 exactly when flag_reasons is not 0');
END;

-- The dashboard's count per rule reads only flagged responses of a period and its units:
-- a partial index holds them alone, so the count never scans a year of clean responses.
CREATE INDEX responses_flag_reasons ON responses(local_date, unit_id) WHERE flag_reasons <> 0;

-- The citizen's pages keep each counter and its unit's service fields in memory
-- (server/units/citizen-points.ts) instead of two queries a request. This number moves in the
-- same transaction as any change to what they show (a unit, counter, service field or offer
-- added, renamed, moved, stopped), whoever writes it, so that the next request reads afresh.
CREATE TABLE catalog_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
) STRICT;
INSERT INTO catalog_version (id, n) VALUES (1, 0);
CREATE TRIGGER catalog_version_units_insert AFTER INSERT ON units BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER catalog_version_units_update AFTER UPDATE ON units BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER catalog_version_units_delete AFTER DELETE ON units BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER catalog_version_points_insert AFTER INSERT ON collection_points BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER catalog_version_points_update AFTER UPDATE ON collection_points BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER catalog_version_points_delete AFTER DELETE ON collection_points BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER catalog_version_services_insert AFTER INSERT ON services BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER catalog_version_services_update AFTER UPDATE ON services BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER catalog_version_services_delete AFTER DELETE ON services BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER catalog_version_offers_insert AFTER INSERT ON unit_services BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER catalog_version_offers_update AFTER UPDATE ON unit_services BEGIN UPDATE catalog_version SET n = n + 1; END;
CREATE TRIGGER catalog_version_offers_delete AFTER DELETE ON unit_services BEGIN UPDATE catalog_version SET n = n + 1; END;

-- A continuation's expiry is only read by the cleanup every five minutes, over a table that
-- holds two hours of responses: a scan costs nothing there, while the index cost one more
-- page written by every submission.
DROP INDEX continuations_expiry;

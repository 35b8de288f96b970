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

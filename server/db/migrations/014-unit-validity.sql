-- Units as they are since 1 July 2025: the official code (mã đơn vị hành chính), the local
-- days a unit is valid, and the day its successor takes over. Official codes are reused
-- (21808 was Thị trấn Phú Phong until 30/6/2025 and is Xã Tây Sơn since 1/7/2025), so a code
-- is unique only within a period; the short `code` stays the unique key of URLs.
-- Existing rows keep NULL: no official code, valid since and until always, no dated merger.

-- 2 digits for a province, 3 for a former district, 5 for a commune-level unit.
ALTER TABLE units ADD COLUMN official_code TEXT
  CHECK (official_code IS NULL OR (length(official_code) BETWEEN 2 AND 5 AND official_code NOT GLOB '*[^0-9]*'));
-- YYYY-MM-DD in Vietnam's time, both days included; NULL: since always / until further notice.
ALTER TABLE units ADD COLUMN valid_from TEXT
  CHECK (valid_from IS NULL OR valid_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
ALTER TABLE units ADD COLUMN valid_to TEXT
  CHECK (valid_to IS NULL OR (valid_to GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND (valid_from IS NULL OR valid_to >= valid_from)));
-- The first day on which successor_id takes this unit's place: from then on the unit takes no
-- new responses and its old posters lead to the successor. NULL with a successor: undated (set by hand before 014).
ALTER TABLE units ADD COLUMN successor_from TEXT
  CHECK (successor_from IS NULL OR successor_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');

CREATE INDEX units_official_code ON units(official_code) WHERE official_code IS NOT NULL;

-- Two units may share an official code only in periods that do not overlap. The services
-- check it first with a readable message; these triggers keep a hand-typed row from breaking it.
CREATE TRIGGER units_official_code_insert BEFORE INSERT ON units
WHEN NEW.official_code IS NOT NULL AND EXISTS (
  SELECT 1 FROM units o WHERE o.official_code = NEW.official_code
    AND coalesce(o.valid_from, '0000-01-01') <= coalesce(NEW.valid_to, '9999-12-31')
    AND coalesce(NEW.valid_from, '0000-01-01') <= coalesce(o.valid_to, '9999-12-31'))
BEGIN
  SELECT RAISE(ABORT, 'units: official code periods overlap');
END;

CREATE TRIGGER units_official_code_update BEFORE UPDATE OF official_code, valid_from, valid_to ON units
WHEN NEW.official_code IS NOT NULL AND EXISTS (
  SELECT 1 FROM units o WHERE o.official_code = NEW.official_code AND o.id <> NEW.id
    AND coalesce(o.valid_from, '0000-01-01') <= coalesce(NEW.valid_to, '9999-12-31')
    AND coalesce(NEW.valid_from, '0000-01-01') <= coalesce(o.valid_to, '9999-12-31'))
BEGIN
  SELECT RAISE(ABORT, 'units: official code periods overlap');
END;

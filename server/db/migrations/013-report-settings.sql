-- Per-unit settings of the documents an office files and publishes: the names printed in
-- the national heading of a report (cơ quan chủ quản, cơ quan ban hành), the place of the
-- date line, the signers' titles and names, and whether the unit publishes its results on
-- a public page (/ket-qua/<code>). One row per unit, only once someone has saved it: a unit
-- without a row has the defaults (its own name, no public page).
CREATE TABLE report_settings (
  unit_id        INTEGER PRIMARY KEY REFERENCES units(id),
  parent_agency  TEXT,                                -- upper line of the heading, e.g. "UBND TỈNH GIA LAI"
  agency_name    TEXT,                                -- e.g. "UBND XÃ TÂY SƠN"; null: the unit's name
  place          TEXT,                                -- "Tây Sơn, ngày … tháng … năm …"
  preparer_title TEXT,                                -- null: "Người lập biểu"
  preparer_name  TEXT,
  head_title     TEXT,                                -- null: "Thủ trưởng cơ quan"
  head_name      TEXT,
  public_results INTEGER NOT NULL DEFAULT 0 CHECK (public_results IN (0, 1)), -- opt-in, off by default
  updated_at     TEXT NOT NULL,                       -- ISO 8601, UTC
  updated_by     INTEGER REFERENCES users(id)
) STRICT;

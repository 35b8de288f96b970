import type { Db } from '../db/open-database';

/** What an office sets once for its documents (report_settings); null fields take the defaults. */
export interface ReportSettings {
  parentAgency: string | null; agencyName: string | null; place: string | null;
  preparerTitle: string | null; preparerName: string | null; headTitle: string | null; headName: string | null;
  publicResults: boolean;
}

export const NO_SETTINGS: ReportSettings = {
  parentAgency: null, agencyName: null, place: null, preparerTitle: null, preparerName: null, headTitle: null, headName: null, publicResults: false,
};

type Row = Omit<ReportSettings, 'publicResults'> & { publicResults: number };
const COLS = `parent_agency AS parentAgency, agency_name AS agencyName, place, preparer_title AS preparerTitle,
  preparer_name AS preparerName, head_title AS headTitle, head_name AS headName, public_results AS publicResults`;

/** The report settings of each unit (one row once saved; a unit without one has the defaults). */
export function createReportSettingsRepo(db: Db) {
  const get = db.prepare<{ unitId: number }, Row>(`SELECT ${COLS} FROM report_settings WHERE unit_id = :unitId`);
  const upsert = db.prepare(`
    INSERT INTO report_settings (unit_id, parent_agency, agency_name, place, preparer_title, preparer_name, head_title, head_name, public_results, updated_at, updated_by)
    VALUES (:unitId, :parentAgency, :agencyName, :place, :preparerTitle, :preparerName, :headTitle, :headName, :publicResults, :at, :userId)
    ON CONFLICT (unit_id) DO UPDATE SET parent_agency = excluded.parent_agency, agency_name = excluded.agency_name, place = excluded.place,
      preparer_title = excluded.preparer_title, preparer_name = excluded.preparer_name, head_title = excluded.head_title,
      head_name = excluded.head_name, public_results = excluded.public_results, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
  return {
    get: (unitId: number): ReportSettings => {
      const row = get.get({ unitId });
      return row ? { ...row, publicResults: row.publicResults === 1 } : NO_SETTINGS;
    },
    /** In the caller's transaction (the audited change of settings.service.ts). */
    save: (unitId: number, s: ReportSettings, userId: number | null, at: string) =>
      void upsert.run({ unitId, ...s, publicResults: s.publicResults ? 1 : 0, userId, at }),
  };
}
export type ReportSettingsRepo = ReturnType<typeof createReportSettingsRepo>;

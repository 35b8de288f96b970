import type { Db } from '../db/open-database';

export interface PointRow {
  id: number; code: string; label: string; labelEn: string | null; active: number; unitId: number; unitCode: string; unitName: string; unitActive: number;
  serviceId: number | null; serviceNameVi: string | null; serviceNameEn: string | null;
}
/** An active point as a citizen's page needs it: where it is, and the service it fixes, if any. */
export interface PointContext {
  pointId: number; pointCode: string; pointLabel: string; pointLabelEn: string | null; unitId: number; unitName: string;
  serviceId: number | null; serviceCode: string | null; serviceNameVi: string | null; serviceNameEn: string | null;
}

/** What a point code in a URL may look like (seeded codes are 11 characters of base64url). */
const POINT_CODE = /^[A-Za-z0-9_-]{4,40}$/;

/** Collection points (counters) and the codes their QR posters carry. */
export function createPointsRepo(db: Db) {
  const cols = `p.id, p.code, p.label, p.label_en AS labelEn, p.active, p.unit_id AS unitId, u.code AS unitCode, u.name AS unitName, u.active AS unitActive,
    p.service_id AS serviceId, s.name_vi AS serviceNameVi, s.name_en AS serviceNameEn
    FROM collection_points p JOIN units u ON u.id = p.unit_id LEFT JOIN services s ON s.id = p.service_id`;
  const byUnit = db.prepare<{ unitId: number }, PointRow>(`SELECT ${cols} WHERE p.unit_id = :unitId ORDER BY p.active DESC, p.label, p.id`);
  const byId = db.prepare<{ id: number }, PointRow>(`SELECT ${cols} WHERE p.id = :id`);
  const allActive = db.prepare<[], PointRow>(`SELECT ${cols} WHERE p.active = 1 ORDER BY p.id`);
  // A unit takes responses on :today: switched on, not past its last valid day, not replaced by its successor (units/validity.ts).
  const open = `u.active = 1 AND (u.valid_to IS NULL OR u.valid_to >= :today) AND (u.successor_from IS NULL OR u.successor_id IS NULL OR u.successor_from > :today)`;
  // The demo's printed survey: a counter without a fixed service first.
  const first = db.prepare<{ today: string }, PointRow>(`SELECT ${cols} WHERE p.active = 1 AND ${open} ORDER BY p.service_id IS NOT NULL, p.id LIMIT 1`);
  const activeCounts = db.prepare<[], { unitId: number; n: number }>('SELECT unit_id AS unitId, count(*) AS n FROM collection_points WHERE active = 1 GROUP BY unit_id');
  const activePoint = db.prepare<{ code: string; today: string }, PointContext>(`
    SELECT p.id AS pointId, p.code AS pointCode, p.label AS pointLabel, p.label_en AS pointLabelEn, u.id AS unitId, u.name AS unitName,
           s.id AS serviceId, s.code AS serviceCode, s.name_vi AS serviceNameVi, s.name_en AS serviceNameEn
    FROM collection_points p JOIN units u ON u.id = p.unit_id LEFT JOIN services s ON s.id = p.service_id
    WHERE p.code = :code AND p.active = 1 AND ${open}`);
  const unitOfActive = db.prepare<{ code: string }, { unitId: number }>('SELECT unit_id AS unitId FROM collection_points WHERE code = :code AND active = 1');
  const insert = db.prepare('INSERT INTO collection_points (code, unit_id, label, label_en, service_id) VALUES (:code, :unitId, :label, :labelEn, :serviceId)');
  const update = db.prepare('UPDATE collection_points SET label = :label, label_en = CASE :keepEn WHEN 1 THEN label_en ELSE :labelEn END, service_id = :serviceId WHERE id = :id');
  const setActive = db.prepare('UPDATE collection_points SET active = :active WHERE id = :id');
  const setCode = db.prepare('UPDATE collection_points SET code = :code WHERE id = :id');

  return {
    byUnit: (unitId: number) => byUnit.all({ unitId }),
    get: (id: number) => byId.get({ id }),
    allActive: () => allActive.all(),
    /** The first counter that takes responses on `today` (YYYY-MM-DD in Vietnam). */
    first: (today: string) => first.get({ today }),
    /** Active counters per unit id. */
    activeCounts: () => new Map(activeCounts.all().map((r) => [r.unitId, r.n])),
    /** The active point of a QR code whose unit takes responses on `today`; a malformed code is not looked up at all. */
    findActive: (code: string, today: string) => (POINT_CODE.test(code) ? activePoint.get({ code, today }) : undefined),
    /** The unit of an active point, whether or not the unit still takes responses (an old poster after a merger). */
    unitOfActivePoint: (code: string) => (POINT_CODE.test(code) ? unitOfActive.get({ code })?.unitId : undefined),
    /** `labelEn`: the counter's label for English readers; none shows the Vietnamese one. */
    insert: (p: { code: string; unitId: number; label: string; labelEn?: string | null; serviceId: number | null }) => Number(insert.run({ ...p, labelEn: p.labelEn || null }).lastInsertRowid),
    /** `labelEn` undefined keeps the English label; '' clears it. */
    update: (id: number, p: { label: string; labelEn?: string; serviceId: number | null }) =>
      void update.run({ id, label: p.label, serviceId: p.serviceId, keepEn: Number(p.labelEn === undefined), labelEn: p.labelEn || null }),
    setActive: (id: number, active: boolean) => void setActive.run({ id, active: Number(active) }),
    /** The old code stops working at once; responses keep their point through its id. */
    setCode: (id: number, code: string) => void setCode.run({ id, code }),
  };
}
export type PointsRepo = ReturnType<typeof createPointsRepo>;

import type { Db } from '../db/open-database';

export interface PointRow {
  id: number; code: string; label: string; active: number; unitId: number; unitName: string; unitActive: number;
  serviceId: number | null; serviceNameVi: string | null; serviceNameEn: string | null;
}
/** An active point as a citizen's page needs it: where it is, and the service it fixes, if any. */
export interface PointContext {
  pointId: number; pointCode: string; pointLabel: string; unitId: number; unitName: string;
  serviceId: number | null; serviceCode: string | null; serviceNameVi: string | null; serviceNameEn: string | null;
}

/** What a point code in a URL may look like (seeded codes are 11 characters of base64url). */
const POINT_CODE = /^[A-Za-z0-9_-]{4,40}$/;

/** Collection points (counters) and the codes their QR posters carry. */
export function createPointsRepo(db: Db) {
  const cols = `p.id, p.code, p.label, p.active, p.unit_id AS unitId, u.name AS unitName, u.active AS unitActive,
    p.service_id AS serviceId, s.name_vi AS serviceNameVi, s.name_en AS serviceNameEn
    FROM collection_points p JOIN units u ON u.id = p.unit_id LEFT JOIN services s ON s.id = p.service_id`;
  const byUnit = db.prepare<{ unitId: number }, PointRow>(`SELECT ${cols} WHERE p.unit_id = :unitId ORDER BY p.active DESC, p.label, p.id`);
  const byId = db.prepare<{ id: number }, PointRow>(`SELECT ${cols} WHERE p.id = :id`);
  const allActive = db.prepare<[], PointRow>(`SELECT ${cols} WHERE p.active = 1 ORDER BY p.id`);
  // The demo's printed survey: a counter without a fixed service first.
  const first = db.prepare<[], PointRow>(`SELECT ${cols} WHERE p.active = 1 ORDER BY p.service_id IS NOT NULL, p.id LIMIT 1`);
  const activeCounts = db.prepare<[], { unitId: number; n: number }>('SELECT unit_id AS unitId, count(*) AS n FROM collection_points WHERE active = 1 GROUP BY unit_id');
  const activePoint = db.prepare<{ code: string }, PointContext>(`
    SELECT p.id AS pointId, p.code AS pointCode, p.label AS pointLabel, u.id AS unitId, u.name AS unitName,
           s.id AS serviceId, s.code AS serviceCode, s.name_vi AS serviceNameVi, s.name_en AS serviceNameEn
    FROM collection_points p JOIN units u ON u.id = p.unit_id LEFT JOIN services s ON s.id = p.service_id
    WHERE p.code = :code AND p.active = 1 AND u.active = 1`);
  const insert = db.prepare('INSERT INTO collection_points (code, unit_id, label, service_id) VALUES (:code, :unitId, :label, :serviceId)');
  const update = db.prepare('UPDATE collection_points SET label = :label, service_id = :serviceId WHERE id = :id');
  const setActive = db.prepare('UPDATE collection_points SET active = :active WHERE id = :id');
  const setCode = db.prepare('UPDATE collection_points SET code = :code WHERE id = :id');

  return {
    byUnit: (unitId: number) => byUnit.all({ unitId }),
    get: (id: number) => byId.get({ id }),
    allActive: () => allActive.all(),
    first: () => first.get(),
    /** Active counters per unit id. */
    activeCounts: () => new Map(activeCounts.all().map((r) => [r.unitId, r.n])),
    /** The active point of a QR code; a malformed code is not looked up at all. */
    findActive: (code: string) => (POINT_CODE.test(code) ? activePoint.get({ code }) : undefined),
    insert: (p: { code: string; unitId: number; label: string; serviceId: number | null }) => Number(insert.run(p).lastInsertRowid),
    update: (id: number, p: { label: string; serviceId: number | null }) => void update.run({ id, ...p }),
    setActive: (id: number, active: boolean) => void setActive.run({ id, active: Number(active) }),
    /** The old code stops working at once; responses keep their point through its id. */
    setCode: (id: number, code: string) => void setCode.run({ id, code }),
  };
}
export type PointsRepo = ReturnType<typeof createPointsRepo>;

import type { Db } from '../db/open-database';

export interface PointContext {
  pointId: number;
  pointCode: string;
  pointLabel: string;
  unitId: number;
  unitName: string;
  serviceId: number | null;
  serviceCode: string | null;
  serviceNameVi: string | null;
  serviceNameEn: string | null;
}

export interface ServiceOption { id: number; code: string; nameVi: string; nameEn: string | null }

/** What a point code in a URL may look like (seeded codes are 11 characters of base64url). */
const POINT_CODE = /^[A-Za-z0-9_-]{4,40}$/;

/** Read access to units, services and collection points for the citizen's pages. */
export function createUnitsRepo(db: Db) {
  const activePoint = db.prepare<{ code: string }, PointContext>(`
    SELECT p.id AS pointId, p.code AS pointCode, p.label AS pointLabel, u.id AS unitId, u.name AS unitName,
           s.id AS serviceId, s.code AS serviceCode, s.name_vi AS serviceNameVi, s.name_en AS serviceNameEn
    FROM collection_points p
    JOIN units u ON u.id = p.unit_id
    LEFT JOIN services s ON s.id = p.service_id
    WHERE p.code = :code AND p.active = 1 AND u.active = 1`);
  const unitServices = db.prepare<{ unitId: number }, ServiceOption>(`
    SELECT s.id, s.code, s.name_vi AS nameVi, s.name_en AS nameEn
    FROM unit_services us JOIN services s ON s.id = us.service_id
    WHERE us.unit_id = :unitId AND s.active = 1
    ORDER BY s.name_vi`);
  return {
    /** The active point of a QR code; a malformed code is not looked up at all. */
    findActivePoint: (code: string) => (POINT_CODE.test(code) ? activePoint.get({ code }) : undefined),
    servicesOfUnit: (unitId: number) => unitServices.all({ unitId }),
  };
}
export type UnitsRepo = ReturnType<typeof createUnitsRepo>;

/** Unit ids in the subtree rooted at `unitId` (itself included), for role and key scoping. */
export function createUnitTreeRepo(db: Db) {
  const subtree = db.prepare<{ unitId: number }, { id: number }>(`
    WITH RECURSIVE tree(id) AS (SELECT id FROM units WHERE id = :unitId
      UNION SELECT u.id FROM units u JOIN tree t ON u.parent_id = t.id)
    SELECT id FROM tree`);
  return { subtreeIds: (unitId: number) => subtree.all({ unitId }).map((r) => r.id) };
}

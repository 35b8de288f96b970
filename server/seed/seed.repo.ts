import type { Db } from '../db/open-database';

/** The few reads only the first-start seed needs; its writes go through the admin repos. */
export function createSeedRepo(db: Db) {
  const firstPoint = db.prepare<[], { code: string; unit: string; label: string }>(`
    SELECT p.code, u.name AS unit, p.label FROM collection_points p JOIN units u ON u.id = p.unit_id
    WHERE p.active = 1 ORDER BY p.service_id IS NOT NULL, p.id LIMIT 1`);
  const points = db.prepare<[], { id: number; unitId: number; serviceId: number | null }>(
    'SELECT id, unit_id AS unitId, service_id AS serviceId FROM collection_points WHERE active = 1 ORDER BY id');
  const servicesOf = db.prepare<{ unitId: number }, { id: number }>('SELECT service_id AS id FROM unit_services WHERE unit_id = :unitId ORDER BY service_id');

  return {
    firstPoint: () => firstPoint.get(),
    points: () => points.all(),
    servicesOf: (unitId: number) => servicesOf.all({ unitId }).map((r) => r.id),
    transaction: <T>(fn: () => T) => db.transaction(fn)(),
  };
}

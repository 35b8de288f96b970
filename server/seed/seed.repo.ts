import type { Db } from '../db/open-database';

/** The few writes the first-start seed needs. */
export function createSeedRepo(db: Db) {
  const getSetting = db.prepare<{ key: string }, { value: string }>('SELECT value FROM settings WHERE key = :key');
  const setSetting = db.prepare('INSERT INTO settings (key, value) VALUES (:key, :value) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const unitId = db.prepare<{ code: string }, { id: number }>('SELECT id FROM units WHERE code = :code');
  const serviceId = db.prepare<{ code: string }, { id: number }>('SELECT id FROM services WHERE code = :code');
  const insertUnit = db.prepare(`INSERT INTO units (code, name, type, parent_id) VALUES (:code, :name, :type, :parentId)`);
  const insertService = db.prepare('INSERT INTO services (code, name_vi, name_en) VALUES (:code, :nameVi, :nameEn)');
  const offer = db.prepare('INSERT OR IGNORE INTO unit_services (unit_id, service_id) VALUES (:unitId, :serviceId)');
  const insertPoint = db.prepare('INSERT INTO collection_points (code, unit_id, label, service_id) VALUES (:code, :unitId, :label, :serviceId)');
  const firstPoint = db.prepare<[], { code: string; unit: string; label: string }>(`
    SELECT p.code, u.name AS unit, p.label FROM collection_points p JOIN units u ON u.id = p.unit_id
    WHERE p.active = 1 ORDER BY p.service_id IS NOT NULL, p.id LIMIT 1`);
  const allUnitIds = db.prepare<[], { id: number }>('SELECT id FROM units');
  const allServiceIds = db.prepare<[], { id: number }>('SELECT id FROM services');
  const points = db.prepare<[], { id: number; unitId: number; serviceId: number | null }>(
    'SELECT id, unit_id AS unitId, service_id AS serviceId FROM collection_points WHERE active = 1 ORDER BY id');
  const servicesOf = db.prepare<{ unitId: number }, { id: number }>('SELECT service_id AS id FROM unit_services WHERE unit_id = :unitId ORDER BY service_id');

  return {
    setting: (key: string) => getSetting.get({ key })?.value,
    setSetting: (key: string, value: string) => void setSetting.run({ key, value }),
    unitId: (code: string) => unitId.get({ code })?.id,
    serviceId: (code: string) => serviceId.get({ code })?.id,
    insertUnit: (u: { code: string; name: string; type: string; parentId: number | null }) => Number(insertUnit.run(u).lastInsertRowid),
    insertService: (s: { code: string; nameVi: string; nameEn: string | null }) => Number(insertService.run(s).lastInsertRowid),
    offer: (unitId: number, serviceId: number) => void offer.run({ unitId, serviceId }),
    insertPoint: (p: { code: string; unitId: number; label: string; serviceId: number | null }) => void insertPoint.run(p),
    firstPoint: () => firstPoint.get(),
    allUnitIds: () => allUnitIds.all().map((r) => r.id),
    allServiceIds: () => allServiceIds.all().map((r) => r.id),
    points: () => points.all(),
    servicesOf: (unitId: number) => servicesOf.all({ unitId }).map((r) => r.id),
    transaction: <T>(fn: () => T) => db.transaction(fn)(),
  };
}

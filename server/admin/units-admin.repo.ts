import type { Db } from '../db/open-database';

export const UNIT_TYPES = ['tinh', 'thanh_pho', 'huyen', 'xa', 'phuong', 'thi_tran', 'dac_khu'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export interface UnitRow {
  id: number; code: string; name: string; type: UnitType; parentId: number | null;
  successorId: number | null; successorName: string | null; active: number;
}
export interface NewUnit { code: string; name: string; type: UnitType; parentId: number | null }

/** Writes and reads for managing units; deactivating keeps the row and its history. */
export function createUnitsAdminRepo(db: Db) {
  const cols = `u.id, u.code, u.name, u.type, u.parent_id AS parentId, u.successor_id AS successorId, s.name AS successorName, u.active
    FROM units u LEFT JOIN units s ON s.id = u.successor_id`;
  const all = db.prepare<[], UnitRow>(`SELECT ${cols} ORDER BY u.name`);
  const byId = db.prepare<{ id: number }, UnitRow>(`SELECT ${cols} WHERE u.id = :id`);
  const byCode = db.prepare<{ code: string }, UnitRow>(`SELECT ${cols} WHERE u.code = :code`);
  const insert = db.prepare('INSERT INTO units (code, name, type, parent_id) VALUES (:code, :name, :type, :parentId)');
  const update = db.prepare('UPDATE units SET name = :name, type = :type WHERE id = :id');
  const updateFull = db.prepare('UPDATE units SET name = :name, type = :type, parent_id = :parentId WHERE id = :id');
  const setActive = db.prepare('UPDATE units SET active = :active WHERE id = :id');
  const setSuccessor = db.prepare('UPDATE units SET successor_id = :successorId WHERE id = :id');
  const offered = db.prepare<{ unitId: number }, { serviceId: number }>('SELECT service_id AS serviceId FROM unit_services WHERE unit_id = :unitId');
  const unoffer = db.prepare('DELETE FROM unit_services WHERE unit_id = :unitId');
  const offer = db.prepare('INSERT OR IGNORE INTO unit_services (unit_id, service_id) VALUES (:unitId, :serviceId)');

  return {
    all: () => all.all(),
    get: (id: number) => byId.get({ id }),
    byCode: (code: string) => byCode.get({ code }),
    insert: (u: NewUnit) => Number(insert.run(u).lastInsertRowid),
    update: (id: number, u: { name: string; type: UnitType }) => void update.run({ id, ...u }),
    setActive: (id: number, active: boolean) => void setActive.run({ id, active: Number(active) }),
    setSuccessor: (id: number, successorId: number | null) => void setSuccessor.run({ id, successorId }),
    offeredServiceIds: (unitId: number) => offered.all({ unitId }).map((r) => r.serviceId),
    setOfferedServices: db.transaction((unitId: number, serviceIds: number[]) => {
      unoffer.run({ unitId });
      for (const serviceId of serviceIds) offer.run({ unitId, serviceId });
    }),
    /** Bulk import: every row in one transaction, all or nothing; parents before children. */
    importUnits: db.transaction((rows: (NewUnit & { parentCode: string | null; existingId: number | null })[]) => {
      for (const r of rows) {
        const parentId = r.parentCode ? byCode.get({ code: r.parentCode })!.id : null;
        if (r.existingId) updateFull.run({ id: r.existingId, name: r.name, type: r.type, parentId });
        else insert.run({ code: r.code, name: r.name, type: r.type, parentId });
      }
    }),
  };
}
export type UnitsAdminRepo = ReturnType<typeof createUnitsAdminRepo>;

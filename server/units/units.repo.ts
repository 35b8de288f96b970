import type { Db } from '../db/open-database';
import type { SuccessorLink } from './merged-groups';

export const UNIT_TYPES = ['tinh', 'thanh_pho', 'huyen', 'xa', 'phuong', 'thi_tran', 'dac_khu'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** The official code (mã đơn vị hành chính) and the local days a unit is valid; null: none / always. */
export interface OfficialDates { officialCode: string | null; validFrom: string | null; validTo: string | null }
export interface UnitRow extends OfficialDates {
  id: number; code: string; name: string; type: UnitType; parentId: number | null;
  successorId: number | null; successorName: string | null; successorFrom: string | null; active: number;
}
export interface NewUnit extends Partial<OfficialDates> { code: string; name: string; type: UnitType; parentId: number | null }
/** A row of a units import: the parent named by short code; an existing unit is updated in place. */
export type ImportedUnit = Omit<NewUnit, 'parentId'> & OfficialDates & { parentCode: string | null; existingId: number | null };
/** A merger recorded: the unit's last valid day, its successor and the day that takes over; off when the day has come. */
export interface MergerChange { successorId: number; successorFrom: string; validTo: string; deactivate: boolean }

/**
 * The units table: every read of a unit (by id, by code, by official code, the tree, the
 * subtree, mergers) and every write. Deactivating keeps the row and its history; nothing is
 * ever deleted.
 */
export function createUnitsRepo(db: Db) {
  const cols = `u.id, u.code, u.name, u.type, u.parent_id AS parentId, u.successor_id AS successorId, s.name AS successorName,
    u.successor_from AS successorFrom, u.active, u.official_code AS officialCode, u.valid_from AS validFrom, u.valid_to AS validTo
    FROM units u LEFT JOIN units s ON s.id = u.successor_id`;
  const all = db.prepare<[], UnitRow>(`SELECT ${cols} ORDER BY u.name`);
  const byId = db.prepare<{ id: number }, UnitRow>(`SELECT ${cols} WHERE u.id = :id`);
  const byCode = db.prepare<{ code: string }, UnitRow>(`SELECT ${cols} WHERE u.code = :code`);
  const byOfficial = db.prepare<{ officialCode: string }, UnitRow>(`SELECT ${cols} WHERE u.official_code = :officialCode ORDER BY coalesce(u.valid_from, '')`);
  const byIds = db.prepare<{ ids: string }, UnitRow>(`SELECT ${cols} WHERE u.id IN (SELECT value FROM json_each(:ids))`);
  const links = db.prepare<[], { id: number; code: string; parentId: number | null }>('SELECT id, code, parent_id AS parentId FROM units');
  const firstRoot = db.prepare<[], { id: number }>('SELECT id FROM units WHERE parent_id IS NULL ORDER BY active DESC, id LIMIT 1');
  const subtree = db.prepare<{ unitId: number }, { id: number }>(`
    WITH RECURSIVE tree(id) AS (SELECT id FROM units WHERE id = :unitId
      UNION SELECT u.id FROM units u JOIN tree t ON u.parent_id = t.id)
    SELECT id FROM tree`);
  // Every unit whose chain of successors leads to one of :ids.
  const merged = db.prepare<{ ids: string }, { id: number; intoId: number }>(`
    WITH RECURSIVE merged(id, into_id) AS (
      SELECT id, successor_id FROM units WHERE successor_id IN (SELECT value FROM json_each(:ids))
      UNION SELECT u.id, m.into_id FROM units u JOIN merged m ON u.successor_id = m.id)
    SELECT id, into_id AS intoId FROM merged`);
  // Each unit on the chains of successors that start at :ids, with its successor (UNION stops a cycle).
  const chains = db.prepare<{ ids: string }, SuccessorLink>(`
    WITH RECURSIVE chain(id) AS (SELECT value FROM json_each(:ids)
      UNION SELECT u.successor_id FROM chain c JOIN units u ON u.id = c.id WHERE u.successor_id IS NOT NULL)
    SELECT u.id, u.successor_id AS successorId FROM chain c JOIN units u ON u.id = c.id`);
  const insert = db.prepare<NewUnit & OfficialDates>(`INSERT INTO units (code, name, type, parent_id, official_code, valid_from, valid_to)
    VALUES (:code, :name, :type, :parentId, :officialCode, :validFrom, :validTo)`);
  const update = db.prepare('UPDATE units SET name = :name, type = :type, official_code = :officialCode, valid_from = :validFrom, valid_to = :validTo WHERE id = :id');
  const updateFull = db.prepare(`UPDATE units SET name = :name, type = :type, parent_id = :parentId,
    official_code = :officialCode, valid_from = :validFrom, valid_to = :validTo WHERE id = :id`);
  const setActive = db.prepare('UPDATE units SET active = :active WHERE id = :id');
  const setSuccessor = db.prepare('UPDATE units SET successor_id = :successorId, successor_from = :successorFrom WHERE id = :id');
  const merger = db.prepare(`UPDATE units SET successor_id = :successorId, successor_from = :successorFrom, valid_to = :validTo,
    active = CASE WHEN :deactivate = 1 THEN 0 ELSE active END WHERE id = :id`);

  return {
    all: () => all.all(),
    get: (id: number) => byId.get({ id }),
    byCode: (code: string) => byCode.get({ code }),
    /** Every unit that holds or held this official code, earliest first. */
    byOfficialCode: (officialCode: string) => byOfficial.all({ officialCode }),
    byIds: (ids: number[]) => byIds.all({ ids: JSON.stringify(ids) }),
    firstRootId: () => firstRoot.get()?.id,
    /** Every unit's id, code and parent: the graph an import is checked against. */
    links: () => links.all(),
    /** Unit ids in the subtree rooted at `unitId`, itself included. */
    subtreeIds: (unitId: number) => subtree.all({ unitId }).map((r) => r.id),
    mergedInto: (ids: number[]) => merged.all({ ids: JSON.stringify(ids) }),
    /** The links of the chains of successors from `ids` (see merged-groups.ts). */
    successorLinks: (ids: number[]) => chains.all({ ids: JSON.stringify(ids) }),
    insert: (u: NewUnit) => Number(insert.run({ ...u, officialCode: u.officialCode ?? null, validFrom: u.validFrom ?? null, validTo: u.validTo ?? null }).lastInsertRowid),
    update: (id: number, u: { name: string; type: UnitType } & OfficialDates) => void update.run({ id, ...u }),
    setActive: (id: number, active: boolean) => void setActive.run({ id, active: Number(active) }),
    setSuccessor: (id: number, successorId: number | null, successorFrom: string | null = null) =>
      void setSuccessor.run({ id, successorId, successorFrom: successorId === null ? null : successorFrom }),
    recordMerger: (id: number, m: MergerChange) => void merger.run({ id, ...m, deactivate: Number(m.deactivate) }),
    /** Bulk import, in the caller's transaction; rows come parents first. */
    importUnits: (rows: ImportedUnit[]) => {
      for (const r of rows) {
        const parentId = r.parentCode ? byCode.get({ code: r.parentCode })!.id : null;
        const fields = { name: r.name, type: r.type, parentId, officialCode: r.officialCode, validFrom: r.validFrom, validTo: r.validTo };
        if (r.existingId) updateFull.run({ id: r.existingId, ...fields });
        else insert.run({ code: r.code, ...fields });
      }
    },
  };
}
export type UnitsRepo = ReturnType<typeof createUnitsRepo>;

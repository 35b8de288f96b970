import type { Db } from '../db/open-database';

export const UNIT_TYPES = ['tinh', 'thanh_pho', 'huyen', 'xa', 'phuong', 'thi_tran', 'dac_khu'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export interface UnitRow {
  id: number; code: string; name: string; type: UnitType; parentId: number | null;
  successorId: number | null; successorName: string | null; active: number;
}
export interface NewUnit { code: string; name: string; type: UnitType; parentId: number | null }
/** A row of a units import: the parent named by code; an existing unit is updated in place. */
export type ImportedUnit = Omit<NewUnit, 'parentId'> & { parentCode: string | null; existingId: number | null };

/**
 * The units table: every read of a unit (by id, by code, the tree, the subtree, mergers) and
 * every write. Deactivating keeps the row and its history; nothing is ever deleted.
 */
export function createUnitsRepo(db: Db) {
  const cols = `u.id, u.code, u.name, u.type, u.parent_id AS parentId, u.successor_id AS successorId, s.name AS successorName, u.active
    FROM units u LEFT JOIN units s ON s.id = u.successor_id`;
  const all = db.prepare<[], UnitRow>(`SELECT ${cols} ORDER BY u.name`);
  const byId = db.prepare<{ id: number }, UnitRow>(`SELECT ${cols} WHERE u.id = :id`);
  const byCode = db.prepare<{ code: string }, UnitRow>(`SELECT ${cols} WHERE u.code = :code`);
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
  // The last unit in each one's chain of successors (depth-limited against a cycle typed by hand).
  const finalSuccessor = db.prepare<{ ids: string }, { id: number; intoId: number }>(`
    WITH RECURSIVE chain(id, cur, depth) AS (
      SELECT value, value, 0 FROM json_each(:ids)
      UNION ALL SELECT c.id, u.successor_id, c.depth + 1 FROM chain c JOIN units u ON u.id = c.cur
        WHERE u.successor_id IS NOT NULL AND c.depth < 20)
    SELECT id, cur AS intoId FROM chain c WHERE depth > 0 AND depth = (SELECT max(depth) FROM chain d WHERE d.id = c.id)`);
  const insert = db.prepare<NewUnit>('INSERT INTO units (code, name, type, parent_id) VALUES (:code, :name, :type, :parentId)');
  const update = db.prepare('UPDATE units SET name = :name, type = :type WHERE id = :id');
  const updateFull = db.prepare('UPDATE units SET name = :name, type = :type, parent_id = :parentId WHERE id = :id');
  const setActive = db.prepare('UPDATE units SET active = :active WHERE id = :id');
  const setSuccessor = db.prepare('UPDATE units SET successor_id = :successorId WHERE id = :id');

  return {
    all: () => all.all(),
    get: (id: number) => byId.get({ id }),
    byCode: (code: string) => byCode.get({ code }),
    byIds: (ids: number[]) => byIds.all({ ids: JSON.stringify(ids) }),
    firstRootId: () => firstRoot.get()?.id,
    /** Every unit's id, code and parent: the graph an import is checked against. */
    links: () => links.all(),
    /** Unit ids in the subtree rooted at `unitId`, itself included. */
    subtreeIds: (unitId: number) => subtree.all({ unitId }).map((r) => r.id),
    mergedInto: (ids: number[]) => merged.all({ ids: JSON.stringify(ids) }),
    finalSuccessors: (ids: number[]) => finalSuccessor.all({ ids: JSON.stringify(ids) }),
    insert: (u: NewUnit) => Number(insert.run(u).lastInsertRowid),
    update: (id: number, u: { name: string; type: UnitType }) => void update.run({ id, ...u }),
    setActive: (id: number, active: boolean) => void setActive.run({ id, active: Number(active) }),
    setSuccessor: (id: number, successorId: number | null) => void setSuccessor.run({ id, successorId }),
    /** Bulk import, in the caller's transaction; rows come parents first. */
    importUnits: (rows: ImportedUnit[]) => {
      for (const r of rows) {
        const parentId = r.parentCode ? byCode.get({ code: r.parentCode })!.id : null;
        if (r.existingId) updateFull.run({ id: r.existingId, name: r.name, type: r.type, parentId });
        else insert.run({ code: r.code, name: r.name, type: r.type, parentId });
      }
    },
  };
}
export type UnitsRepo = ReturnType<typeof createUnitsRepo>;

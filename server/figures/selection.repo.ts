/**
 * The WHERE clauses of a figures selection (units, service fields, flagged responses), shared
 * by every repo that reads a selection: the counts, the rollups, the raw export, the comments.
 * Columns differ by table: responses.service_id may be NULL, the counts use 0 for "none".
 */
export interface SelectionColumns { unit: string; service: string; flagged?: string }
export interface SelectionFilter { unitIds: number[] | null; serviceIds: number[] | null; includeFlagged?: boolean }

export function selectionWhere(c: SelectionColumns): string {
  const flagged = c.flagged ? `\n      AND (:includeFlagged = 1 OR ${c.flagged} = 0)` : '';
  return `
      AND (:allUnits = 1 OR ${c.unit} IN (SELECT value FROM json_each(:unitIds)))
      AND (:allServices = 1 OR ${c.service} IN (SELECT value FROM json_each(:serviceIds)))${flagged}`;
}

/** The named parameters of selectionWhere; includeFlagged only where the clause has it. */
export function selectionParams(f: SelectionFilter, withFlagged = true) {
  const p = {
    allUnits: f.unitIds ? 0 : 1, unitIds: JSON.stringify(f.unitIds ?? []),
    allServices: f.serviceIds ? 0 : 1, serviceIds: JSON.stringify(f.serviceIds ?? []),
  };
  return withFlagged ? { ...p, includeFlagged: f.includeFlagged ? 1 : 0 } : p;
}

/**
 * The parent graph of the units as an import would leave it: the file's rows over the
 * database's. A loop can pass through units the file never names (a unit of the database
 * moved under a unit the file creates under that very unit), so it is found only on this
 * final graph, never on the database or on the file alone.
 */
export interface UnitLink { id: number; code: string; parentId: number | null }
export interface FileLink { code: string; parentCode: string | null }

/** code → parent code after the import. */
export function finalParents(units: UnitLink[], file: FileLink[]): Map<string, string | null> {
  const codeOf = new Map(units.map((u) => [u.id, u.code]));
  const parents = new Map<string, string | null>(units.map((u) => [u.code, u.parentId === null ? null : codeOf.get(u.parentId) ?? null]));
  for (const row of file) parents.set(row.code, row.parentCode);
  return parents;
}

/** The codes among `codes` that would be their own ancestor. */
export function onALoop(parents: Map<string, string | null>, codes: string[]): Set<string> {
  const looped = new Set<string>();
  for (const start of codes) {
    // A walk longer than the number of units has gone round a loop, whether or not through `start`.
    let at = parents.get(start) ?? null;
    for (let steps = 0; at !== null && steps <= parents.size; steps++) {
      if (at === start) { looped.add(start); break; }
      at = parents.get(at) ?? null;
    }
  }
  return looped;
}

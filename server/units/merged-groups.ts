/** One link of a chain of mergers: `id` was merged into `successorId`. */
export interface SuccessorLink { id: number; successorId: number | null }

/**
 * The group unit of each unit under includeMerged: its LAST successor that lies inside the
 * selection (itself when none does), never a unit outside it. With the chain Êm → An → Bình and
 * An selected, Êm's responses are An's; with An and Bình selected, both are Bình's.
 * `selected` null: every unit is selected (an admin's whole view), so the chain's end.
 * Returns only the units whose group is another unit. A cycle typed by hand stops the walk.
 */
export function mergedGroups(links: SuccessorLink[], unitIds: number[], selected: number[] | null): Map<number, number> {
  const next = new Map(links.map((l) => [l.id, l.successorId]));
  const inSelection = selected ? new Set(selected) : null;
  const groups = new Map<number, number>();
  for (const id of unitIds) {
    let group = id;
    const seen = new Set([id]);
    for (let cur = next.get(id); cur !== undefined && cur !== null && !seen.has(cur); cur = next.get(cur)) {
      seen.add(cur);
      if (!inSelection || inSelection.has(cur)) group = cur;
    }
    if (group !== id) groups.set(id, group);
  }
  return groups;
}

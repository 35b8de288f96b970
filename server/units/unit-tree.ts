/**
 * Units in tree order (each followed by its children) with their depth, limited to the ids
 * allowed (null: all); a unit whose parent is not visible shows as a root. Depth is capped
 * against a cycle typed by hand into the database.
 */
export function treeOrder<T extends { id: number; parentId: number | null }>(all: T[], allowed: number[] | null): (T & { depth: number })[] {
  const ok = allowed && new Set(allowed);
  const visible = all.filter((u) => !ok || ok.has(u.id));
  const ids = new Set(visible.map((u) => u.id));
  const children = new Map<number | null, T[]>();
  for (const u of visible) {
    const parent = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: (T & { depth: number })[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      out.push({ ...u, depth });
      if (depth < 10) walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

import type { Db } from '../db/open-database';

export interface PickUnit { id: number; code: string; name: string; parentId: number | null }

/** The units and service fields a filter may offer. */
export function createDashboardRepo(db: Db) {
  const units = db.prepare<[], PickUnit>('SELECT id, code, name, parent_id AS parentId FROM units ORDER BY name');
  const services = db.prepare<[], { code: string; nameVi: string; nameEn: string | null }>(
    'SELECT code, name_vi AS nameVi, name_en AS nameEn FROM services ORDER BY name_vi');
  const unitCode = db.prepare<{ id: number }, { code: string }>('SELECT code FROM units WHERE id = :id');
  return {
    units: () => units.all(),
    services: () => services.all(),
    unitCode: (id: number) => unitCode.get({ id })?.code ?? '',
  };
}
export type DashboardRepo = ReturnType<typeof createDashboardRepo>;

/** Units in tree order (each followed by its children), with their depth, limited to the ids allowed (null: all). */
export function unitTree(all: PickUnit[], allowed: number[] | null): (PickUnit & { depth: number })[] {
  const ok = allowed && new Set(allowed);
  const visible = all.filter((u) => !ok || ok.has(u.id));
  const ids = new Set(visible.map((u) => u.id));
  const children = new Map<number | null, PickUnit[]>();
  for (const u of visible) {
    const parent = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: (PickUnit & { depth: number })[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      out.push({ ...u, depth });
      if (depth < 10) walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The filters' choices: periods with their dates, the units in the user's scope, the service fields. */
export function filterChoices(repo: DashboardRepo, scopeIds: number[] | null, lang: string) {
  return {
    units: unitTree(repo.units(), scopeIds),
    services: repo.services().map((s) => ({ code: s.code, name: (lang === 'en' && s.nameEn) || s.nameVi })),
  };
}

import { serviceName } from '../units/service-name';
import { treeOrder } from '../units/unit-tree';
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

/** The filters' choices: periods with their dates, the units in the user's scope, the service fields. */
export function filterChoices(repo: DashboardRepo, scopeIds: number[] | null, lang: string) {
  return {
    units: treeOrder(repo.units(), scopeIds),
    services: repo.services().map((s) => ({ code: s.code, name: serviceName(s, lang) })),
  };
}

import crypto from 'node:crypto';
import type { Core } from '../../server/wiring';
import type { UnitType } from '../../server/units/units.repo';
import { createUser } from './staff';
import type { Db } from '../../server/db/open-database';

/**
 * A small world of its own for a test, independent of the demo data:
 *   tinh-thu (province)
 *     huyen-a (oversight "o-a")  → xa-a1 (counter "c-a1", a counter "Quầy A1"), xa-a2
 *     huyen-b                    → xa-b1
 * with three service fields offered everywhere and one counter per commune.
 */
export const WORLD_UNITS: [code: string, name: string, type: UnitType, parent: string | null][] = [
  ['tinh-thu', 'Tỉnh Thử', 'tinh', null],
  ['huyen-a', 'Huyện A', 'huyen', 'tinh-thu'],
  ['xa-a1', 'Xã A Một', 'xa', 'huyen-a'],
  ['xa-a2', 'Xã A Hai', 'xa', 'huyen-a'],
  ['huyen-b', 'Huyện B', 'huyen', 'tinh-thu'],
  ['xa-b1', 'Xã B Một', 'xa', 'huyen-b'],
];
export const WORLD_SERVICES = [['ho-tich', 'Hộ tịch'], ['dat-dai', 'Đất đai'], ['chung-thuc', 'Chứng thực']] as const;

export interface World { unit: (code: string) => number; point: (code: string) => number; pointCode: (code: string) => string; service: (code: string) => number }

export function buildWorld({ repos, tx }: Pick<Core, 'repos' | 'tx'>): World {
  const { units, catalog, points } = repos;
  tx(() => {
    const services = WORLD_SERVICES.map(([code, nameVi]) => catalog.insertService({ code, nameVi, nameEn: null }));
    for (const [code, name, type, parent] of WORLD_UNITS) {
      const id = units.insert({ code, name, type, parentId: parent ? units.byCode(parent)!.id : null });
      catalog.setOfferedServices(id, services);
      if (type === 'xa') points.insert({ code: `q-${code}-${crypto.randomBytes(4).toString('hex')}`, unitId: id, label: `Quầy ${name}`, serviceId: null });
    }
  });
  const unit = (code: string) => units.byCode(code)!.id;
  const first = (code: string) => points.byUnit(unit(code))[0]!;
  return { unit, point: (code) => first(code).id, pointCode: (code) => first(code).code, service: (code) => catalog.serviceByCode(code)!.id };
}

/** The three staff of the world: an admin of the province, oversight of huyen-a, counter staff of xa-a1. */
export async function worldStaff(db: Db) {
  await createUser(db, 'w-admin', 'admin', 'tinh-thu');
  await createUser(db, 'w-oversight', 'oversight', 'huyen-a');
  await createUser(db, 'w-counter', 'counter', 'xa-a1');
}

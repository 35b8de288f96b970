import type { Access } from '../access/access';
import type { AuditLog } from '../audit/audit-log';
import { AppError, forbidden } from '../http/errors';
import { LIST_VALID_FROM, type ListedProvince, type NationalList } from '../units/national-list';
import { freeShortCode } from '../units/short-code';
import type { UnitRow, UnitsRepo, UnitType } from '../units/units.repo';
import { validDuring } from '../units/validity';

/** One unit of a province in the national list: to create, or already here (matched by official code). */
export interface ProvinceRow { officialCode: string; name: string; type: UnitType; shortCode: string; existing: UnitRow | null }
export interface ProvincePlan { province: ListedProvince; rows: ProvinceRow[]; create: number; exists: number }
export interface ProvincesServiceDeps { units: UnitsRepo; audit: AuditLog; list: () => NationalList }

/**
 * "Add a province with all its communes" from data/vn-units-2025.json, in one step. Idempotent:
 * a unit whose official code is already held by a unit valid since 1/7/2025 is left as it is,
 * so a second run changes nothing. Only an admin, or the command line (null), adds one.
 */
export function createProvincesService(d: ProvincesServiceDeps) {
  /** The unit that holds an official code in the list's period, by the units' official codes. */
  const holders = () => {
    const byCode = new Map<string, UnitRow>();
    for (const u of d.units.all()) if (u.officialCode && validDuring(u, LIST_VALID_FROM, '9999-12-31')) byCode.set(u.officialCode, u);
    return byCode;
  };
  const find = (code: string) => {
    const province = d.list().provinces.find((p) => p.code === code);
    if (!province) throw new AppError(404, 'units.provinces.unknown', { code });
    return province;
  };

  const plan = (code: string): ProvincePlan => {
    const province = find(code);
    const held = holders();
    const planned = new Set<string>();
    const taken = (c: string) => planned.has(c) || d.units.byCode(c) !== undefined;
    const rows = [province, ...province.units].map((u) => {
      const existing = held.get(u.code) ?? null;
      const shortCode = existing?.code ?? freeShortCode(u.name, u.code, taken);
      planned.add(shortCode);
      return { officialCode: u.code, name: u.name, type: u.type, shortCode, existing };
    });
    const exists = rows.filter((r) => r.existing).length;
    return { province, rows, create: rows.length - exists, exists };
  };

  /**
   * Creates what the plan lists as missing, with its audit row, in one transaction (nothing and
   * no row when everything is here). A concurrent run is stopped by the official-code trigger.
   */
  const apply = (by: Access | null, code: string): ProvincePlan => {
    if (by && by.role !== 'admin') throw forbidden();
    const p = plan(code);
    if (p.create === 0) return p;
    const [head, ...communes] = p.rows;
    const add = (r: ProvinceRow, parentId: number | null) =>
      d.units.insert({ code: r.shortCode, name: r.name, type: r.type, parentId, officialCode: r.officialCode, validFrom: LIST_VALID_FROM });
    const entry = { userId: by?.userId ?? null, action: 'unit.add_province', target: `province:${code}`, details: { province: code, created: p.create } };
    d.audit.change(entry, () => {
      const provinceId = head!.existing?.id ?? add(head!, null);
      for (const r of communes) if (!r.existing) add(r, provinceId);
    });
    return p;
  };

  /** The list's provinces, each with how many of its units (itself included) are already here. */
  const provinces = () => {
    const held = holders();
    return d.list().provinces.map((p) => ({
      code: p.code, name: p.name, units: p.units.length,
      present: [p, ...p.units].filter((u) => held.has(u.code)).length,
    }));
  };
  return { provinces, plan, apply };
}
export type ProvincesService = ReturnType<typeof createProvincesService>;

import type { StaffUser } from '../auth/staff-user';
import type { Scope } from '../auth/scope';
import { CODE } from './admin.schema';
import type { ImportRecord } from './import.parse';
import { UNIT_TYPES, type UnitsAdminRepo, type UnitType } from './units-admin.repo';
import type { CatalogRepo } from './catalog.repo';

export interface RowError { line: number; key: string; params?: Record<string, string | number> }
export interface PlannedRow { line: number; action: 'create' | 'update' | 'same'; code: string; name: string; detail: string }
export interface Plan<T> { rows: PlannedRow[]; errors: RowError[]; apply: T[] }

export const COLUMNS = { units: ['code', 'name', 'type', 'parent_code'], services: ['code', 'name_vi', 'name_en'] } as const;

/** Columns other than the documented ones are an error on the first line: nothing is guessed. */
export function unknownColumns(kind: keyof typeof COLUMNS, records: ImportRecord[]): RowError[] {
  const allowed = new Set<string>([...COLUMNS[kind], ...(kind === 'units' ? ['parent'] : [])]);
  const extra = [...new Set(records.flatMap((r) => Object.keys(r.fields)))].filter((k) => !allowed.has(k));
  return extra.map((column) => ({ line: records[0]?.line ?? 1, key: 'staff.import.unknown_column', params: { column } }));
}

type UnitApply = { code: string; name: string; type: UnitType; parentId: null; parentCode: string | null; existingId: number | null };

/** Checks every unit row against the database, the file itself and the user's scope. */
export function planUnits(repo: UnitsAdminRepo, scope: Scope, user: StaffUser, records: ImportRecord[]): Plan<UnitApply> {
  const plan: Plan<UnitApply> = { rows: [], errors: unknownColumns('units', records), apply: [] };
  const inFile = new Map<string, number>();
  // The user's units, read once for the whole file rather than once or twice per row.
  const allowed = scope.unitIds(user);
  const allowedSet = allowed && new Set(allowed);
  const inScope = (id: number) => allowedSet === null || allowedSet.has(id);
  for (const { line, fields } of records) {
    const err = (key: string, params?: Record<string, string | number>) => plan.errors.push({ line, key, params });
    const code = (fields.code ?? '').toLowerCase(), name = fields.name ?? '', type = fields.type ?? '';
    const parentCode = (fields.parent_code || fields.parent || '').toLowerCase() || null;
    if (!CODE.test(code)) { err('staff.import.bad_code', { value: code }); continue; }
    if (inFile.has(code)) { err('staff.import.duplicate', { code, first: inFile.get(code)! }); continue; }
    inFile.set(code, line);
    if (!name || name.length > 200) err('staff.import.bad_name');
    if (!(UNIT_TYPES as readonly string[]).includes(type)) err('staff.import.bad_type', { value: type });
    const existing = repo.byCode(code);
    const parent = parentCode ? repo.byCode(parentCode) : undefined;
    const parentLater = parentCode !== null && !parent && !(inFile.has(parentCode) && parentCode !== code);
    if (parentLater) err('staff.import.unknown_parent', { code: parentCode });
    else if (parentCode === null ? user.role !== 'admin' : parent && !inScope(parent.id)) err('staff.import.parent_out_of_scope', { code: parentCode ?? '—' });
    if (existing && !inScope(existing.id)) err('staff.import.out_of_scope', { code });
    if (existing && parent && scope.subtreeIds(existing.id).includes(parent.id)) err('staff.import.loop', { code });
    const same = existing && existing.name === name && existing.type === type && (existing.parentId ?? null) === (parent?.id ?? (parentCode ? -1 : null));
    plan.rows.push({ line, action: existing ? (same ? 'same' : 'update') : 'create', code, name, detail: `${type} ← ${parentCode ?? '—'}` });
    plan.apply.push({ code, name, type: type as UnitType, parentId: null, parentCode, existingId: existing?.id ?? null });
  }
  return plan;
}

type ServiceApply = { code: string; nameVi: string; nameEn: string | null; existingId: number | null };

export function planServices(catalog: CatalogRepo, records: ImportRecord[]): Plan<ServiceApply> {
  const plan: Plan<ServiceApply> = { rows: [], errors: unknownColumns('services', records), apply: [] };
  const inFile = new Map<string, number>();
  const byId = new Map(catalog.services().map((s) => [s.id, s]));
  for (const { line, fields } of records) {
    const code = (fields.code ?? '').toLowerCase(), nameVi = fields.name_vi ?? '', nameEn = fields.name_en || null;
    if (!CODE.test(code)) { plan.errors.push({ line, key: 'staff.import.bad_code', params: { value: code } }); continue; }
    if (inFile.has(code)) { plan.errors.push({ line, key: 'staff.import.duplicate', params: { code, first: inFile.get(code)! } }); continue; }
    inFile.set(code, line);
    if (!nameVi || nameVi.length > 200 || (nameEn ?? '').length > 200) plan.errors.push({ line, key: 'staff.import.bad_name' });
    const existingId = catalog.serviceIdByCode(code) ?? null;
    const old = existingId ? byId.get(existingId) : undefined;
    const same = old && old.nameVi === nameVi && (old.nameEn ?? null) === nameEn;
    plan.rows.push({ line, action: old ? (same ? 'same' : 'update') : 'create', code, name: nameVi, detail: nameEn ?? '' });
    plan.apply.push({ code, nameVi, nameEn, existingId });
  }
  return plan;
}

import type { Access } from '../access/access';
import type { AuditLog } from '../audit/audit-log';
import { stripBidi } from '../http/bidi';
import { forbidden } from '../http/errors';
import type { CatalogRepo } from '../units/catalog.repo';
import { UNIT_TYPES, type ImportedUnit, type UnitsRepo, type UnitType } from '../units/units.repo';
import { CODE } from './admin.schema';
import { finalParents, onALoop } from './import-graph';
import type { ImportRecord } from './import.parse';

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

/** Checks every unit row against the database, the file itself and what the Access covers. */
export function planUnits(repo: UnitsRepo, access: Access, records: ImportRecord[]): Plan<ImportedUnit & { line: number }> {
  const plan: Plan<ImportedUnit & { line: number }> = { rows: [], errors: unknownColumns('units', records), apply: [] };
  const inFile = new Map<string, number>();
  const inScope = access.covers;
  for (const { line, fields } of records) {
    const err = (key: string, params?: Record<string, string | number>) => plan.errors.push({ line, key, params });
    const code = (fields.code ?? '').toLowerCase(), name = stripBidi(fields.name ?? '').trim(), type = fields.type ?? '';
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
    else if (parentCode === null ? access.role !== 'admin' : parent && !inScope(parent.id)) err('staff.import.parent_out_of_scope', { code: parentCode ?? '—' });
    if (existing && !inScope(existing.id)) err('staff.import.out_of_scope', { code });
    // A new parent is a move: only an admin moves the unit it is bound to.
    else if (existing && (existing.parentId ?? null) !== (parent?.id ?? (parentCode ? -1 : null)) && !access.canMove(existing.id)) err('staff.import.cannot_move', { code });
    const same = existing && existing.name === name && existing.type === type && (existing.parentId ?? null) === (parent?.id ?? (parentCode ? -1 : null));
    plan.rows.push({ line, action: existing ? (same ? 'same' : 'update') : 'create', code, name, detail: `${type} ← ${parentCode ?? '—'}` });
    plan.apply.push({ code, name, type: type as UnitType, parentCode, existingId: existing?.id ?? null, line });
  }
  plan.errors.push(...loopErrors(repo, plan.apply));
  return plan;
}

/** Every row that the final parent graph (database and file together) makes its own ancestor. */
function loopErrors(repo: UnitsRepo, rows: (ImportedUnit & { line: number })[]): RowError[] {
  const looped = onALoop(finalParents(repo.links(), rows), rows.map((r) => r.code));
  return rows.filter((r) => looped.has(r.code)).map((r) => ({ line: r.line, key: 'staff.import.loop', params: { code: r.code } }));
}

type ServiceApply = { code: string; nameVi: string; nameEn: string | null; existingId: number | null };

export function planServices(catalog: CatalogRepo, records: ImportRecord[]): Plan<ServiceApply> {
  const plan: Plan<ServiceApply> = { rows: [], errors: unknownColumns('services', records), apply: [] };
  const inFile = new Map<string, number>();
  const byId = new Map(catalog.services().map((s) => [s.id, s]));
  for (const { line, fields } of records) {
    const code = (fields.code ?? '').toLowerCase(), nameVi = stripBidi(fields.name_vi ?? '').trim(), nameEn = stripBidi(fields.name_en ?? '').trim() || null;
    if (!CODE.test(code)) { plan.errors.push({ line, key: 'staff.import.bad_code', params: { value: code } }); continue; }
    if (inFile.has(code)) { plan.errors.push({ line, key: 'staff.import.duplicate', params: { code, first: inFile.get(code)! } }); continue; }
    inFile.set(code, line);
    if (!nameVi || nameVi.length > 200 || (nameEn ?? '').length > 200) plan.errors.push({ line, key: 'staff.import.bad_name' });
    const existingId = catalog.serviceByCode(code)?.id ?? null;
    const old = existingId ? byId.get(existingId) : undefined;
    const same = old && old.nameVi === nameVi && (old.nameEn ?? null) === nameEn;
    plan.rows.push({ line, action: old ? (same ? 'same' : 'update') : 'create', code, name: nameVi, detail: nameEn ?? '' });
    plan.apply.push({ code, nameVi, nameEn, existingId });
  }
  return plan;
}

export type ImportKind = keyof typeof COLUMNS;
export interface ImportServiceDeps { units: UnitsRepo; catalog: CatalogRepo; audit: AuditLog }

/** Bulk import: a plan first (every row's change, every bad row by line), then all of it in one transaction. */
export function createImportService(d: ImportServiceDeps) {
  const plan = (access: Access, kind: ImportKind, records: ImportRecord[]): Plan<ImportedUnit> | Plan<ServiceApply> => {
    // Service fields are shared by every unit: only an admin imports them.
    if (kind === 'services' && access.role !== 'admin') throw forbidden();
    const p = kind === 'units' ? planUnits(d.units, access, records) : planServices(d.catalog, records);
    p.errors.sort((a, b) => a.line - b.line);
    return p;
  };
  /** Applies a plan without errors, with its audit row; returns how many rows changed something. */
  const apply = (access: Access, kind: ImportKind, p: Plan<ImportedUnit> | Plan<ServiceApply>): number => {
    if (p.errors.length) throw new Error('an import with errors is never applied');
    const changed = p.rows.filter((r) => r.action !== 'same').length;
    d.audit.change({ userId: access.userId, action: `import.${kind}`, details: { rows: p.rows.length, changed } }, () =>
      kind === 'units' ? d.units.importUnits(p.apply as ImportedUnit[]) : d.catalog.importServices(p.apply as ServiceApply[]));
    return changed;
  };
  return { plan, apply };
}
export type ImportService = ReturnType<typeof createImportService>;

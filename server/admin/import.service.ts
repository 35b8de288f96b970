import type { Access } from '../access/access';
import type { AuditLog } from '../audit/audit-log';
import { stripBidi } from '../http/bidi';
import { forbidden } from '../http/errors';
import { vietnamDate } from '../time/vietnam-time';
import type { CatalogRepo } from '../units/catalog.repo';
import { createUnitLookup } from '../units/unit-lookup';
import type { ImportedUnit, UnitsRepo } from '../units/units.repo';
import { CODE } from './admin.schema';
import type { ImportRecord } from './import.parse';
import type { Plan, RowError } from './import-plan';
import { planUnits } from './import-units';
import { MERGER_COLUMNS, type MergerApply, type MergersService } from './mergers.service';

export type { PlannedRow, Plan, RowError } from './import-plan';

export const COLUMNS = {
  units: ['code', 'name', 'type', 'parent_code', 'official_code', 'valid_from', 'valid_to'],
  services: ['code', 'name_vi', 'name_en'],
  mergers: MERGER_COLUMNS,
} as const;
const ALIASES: Record<ImportKind, string[]> = { units: ['parent'], services: [], mergers: ['old', 'new'] };

/** Columns other than the documented ones are an error on the first line: nothing is guessed. */
export function unknownColumns(kind: ImportKind, records: ImportRecord[]): RowError[] {
  const allowed = new Set<string>([...COLUMNS[kind], ...ALIASES[kind]]);
  const extra = [...new Set(records.flatMap((r) => Object.keys(r.fields)))].filter((k) => !allowed.has(k));
  return extra.map((column) => ({ line: records[0]?.line ?? 1, key: 'staff.import.unknown_column', params: { column } }));
}

type ServiceApply = { code: string; nameVi: string; nameEn: string | null; existingId: number | null };

export function planServices(catalog: CatalogRepo, records: ImportRecord[]): Plan<ServiceApply> {
  const plan: Plan<ServiceApply> = { rows: [], errors: [], apply: [] };
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
type AnyPlan = Plan<ImportedUnit> | Plan<ServiceApply> | Plan<MergerApply>;
export interface ImportServiceDeps { units: UnitsRepo; catalog: CatalogRepo; audit: AuditLog; mergers: MergersService; now: () => Date }

/**
 * Bulk import: a plan first (every row's change, every bad row by line), then all of it in one
 * transaction. Mergers are planned and recorded by the merger service, as on the merger page.
 */
export function createImportService(d: ImportServiceDeps) {
  const lookup = createUnitLookup(d.units);
  const plan = (access: Access, kind: ImportKind, records: ImportRecord[]): AnyPlan => {
    // Service fields are shared by every unit: only an admin imports them.
    if (kind === 'services' && access.role !== 'admin') throw forbidden();
    const p: AnyPlan = kind === 'units' ? planUnits(d.units, lookup, access, records, vietnamDate(d.now()))
      : kind === 'services' ? planServices(d.catalog, records) : d.mergers.plan(access, records);
    p.errors.unshift(...unknownColumns(kind, records));
    p.errors.sort((a, b) => a.line - b.line);
    return p;
  };
  /** Applies a plan without errors, with its audit row; returns how many rows changed something. */
  const apply = (access: Access, kind: ImportKind, p: AnyPlan): number => {
    if (p.errors.length) throw new Error('an import with errors is never applied');
    if (kind === 'mergers') return d.mergers.apply(access, p as Plan<MergerApply>);
    const changed = p.rows.filter((r) => r.action !== 'same').length;
    d.audit.change({ userId: access.userId, action: `import.${kind}`, details: { rows: p.rows.length, changed } }, () =>
      kind === 'units' ? d.units.importUnits(p.apply as ImportedUnit[]) : d.catalog.importServices(p.apply as ServiceApply[]));
    return changed;
  };
  return { plan, apply };
}
export type ImportService = ReturnType<typeof createImportService>;

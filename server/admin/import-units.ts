import type { Access } from '../access/access';
import { stripBidi } from '../http/bidi';
import { parseLocalDay } from '../units/local-day';
import { clashOf, OFFICIAL_CODE, periodParams } from '../units/official-code';
import type { UnitLookup } from '../units/unit-lookup';
import { UNIT_TYPES, type ImportedUnit, type OfficialDates, type UnitRow, type UnitsRepo, type UnitType } from '../units/units.repo';
import { CODE } from './admin.schema';
import { finalParents, onALoop } from './import-graph';
import type { ImportRecord } from './import.parse';
import type { Plan, RowError } from './import-plan';

type Err = (key: string, params?: Record<string, string | number>) => void;

/**
 * official_code, valid_from and valid_to of a row, checked; days as YYYY-MM-DD or dd/mm/yyyy.
 * A column the file does not have keeps an existing unit's value; an empty cell clears it.
 */
function officialOf(fields: Record<string, string>, existing: OfficialDates | undefined, err: Err): OfficialDates {
  const keep = (column: string, own: string | null | undefined) => (fields[column] === undefined ? own ?? null : undefined);
  const officialCode = keep('official_code', existing?.officialCode) ?? (fields.official_code || null);
  if (officialCode && !OFFICIAL_CODE.test(officialCode)) err('units.import.bad_official_code', { value: officialCode });
  const day = (column: 'valid_from' | 'valid_to', own: string | null | undefined) => {
    if (fields[column] === undefined) return own ?? null;
    const parsed = fields[column] ? parseLocalDay(fields[column]!) : null;
    if (fields[column] && !parsed) err('units.import.bad_day', { column, value: fields[column]! });
    return parsed;
  };
  const validFrom = day('valid_from', existing?.validFrom), validTo = day('valid_to', existing?.validTo);
  if (validFrom && validTo && validTo < validFrom) err('units.import.day_order');
  return { officialCode, validFrom, validTo };
}

/** The parent, by short code, or by official code on the row's first valid day (today when it has none). */
function parentOf(lookup: UnitLookup, raw: string, day: string): UnitRow | undefined {
  const named = lookup(raw, day);
  return named.ok ? named.unit : undefined;
}

type Held = OfficialDates & { id: number; name: string };

/** An official code held by another unit, in the database or on an earlier line, on a day of this row's period. */
function checkOfficial(repo: UnitsRepo, earlier: Held[], row: Held, err: Err) {
  if (!row.officialCode) return;
  const holders = [...repo.byOfficialCode(row.officialCode), ...earlier.filter((o) => o.officialCode === row.officialCode)];
  const clash = clashOf(holders, row.id, row);
  if (clash) err('units.import.official_code_taken', { code: row.officialCode, name: clash.name, ...periodParams(clash) });
  earlier.push(row);
}

const unchanged = (u: UnitRow, row: OfficialDates & { name: string; type: string; parentId: number | null }) =>
  u.name === row.name && u.type === row.type && (u.parentId ?? null) === row.parentId
  && u.officialCode === row.officialCode && u.validFrom === row.validFrom && u.validTo === row.validTo;

/**
 * Checks every unit row against the database, the file itself and what the Access covers;
 * an official code may be shared only by units whose periods do not overlap.
 */
export function planUnits(repo: UnitsRepo, lookup: UnitLookup, access: Access, records: ImportRecord[], today: string): Plan<ImportedUnit & { line: number }> {
  const plan: Plan<ImportedUnit & { line: number }> = { rows: [], errors: [], apply: [] };
  const inFile = new Map<string, number>();
  const held: Held[] = [];
  for (const { line, fields } of records) {
    const err: Err = (key, params) => plan.errors.push({ line, key, params });
    const code = (fields.code ?? '').toLowerCase(), name = stripBidi(fields.name ?? '').trim(), type = fields.type ?? '';
    const parentRaw = (fields.parent_code || fields.parent || '').toLowerCase() || null;
    if (!CODE.test(code)) { err('staff.import.bad_code', { value: code }); continue; }
    if (inFile.has(code)) { err('staff.import.duplicate', { code, first: inFile.get(code)! }); continue; }
    inFile.set(code, line);
    if (!name || name.length > 200) err('staff.import.bad_name');
    if (!(UNIT_TYPES as readonly string[]).includes(type)) err('staff.import.bad_type', { value: type });
    const existing = repo.byCode(code);
    const official = officialOf(fields, existing, err);
    checkOfficial(repo, held, { ...official, id: existing?.id ?? -line, name }, err);
    const parent = parentRaw ? parentOf(lookup, parentRaw, official.validFrom ?? today) : undefined;
    const parentCode = parent?.code ?? parentRaw;
    const parentLater = parentCode !== null && !parent && !(inFile.has(parentCode) && parentCode !== code);
    if (parentLater) err('staff.import.unknown_parent', { code: parentCode });
    else if (parentCode === null ? access.role !== 'admin' : parent && !access.covers(parent.id)) err('staff.import.parent_out_of_scope', { code: parentCode ?? '—' });
    if (existing && !access.covers(existing.id)) err('staff.import.out_of_scope', { code });
    // A new parent is a move: only an admin moves the unit it is bound to.
    else if (existing && (existing.parentId ?? null) !== (parent?.id ?? (parentCode ? -1 : null)) && !access.canMove(existing.id)) err('staff.import.cannot_move', { code });
    const same = existing && unchanged(existing, { ...official, name, type, parentId: parent?.id ?? (parentCode ? -1 : null) });
    const detail = `${type} ← ${parentCode ?? '—'}${official.officialCode ? ` · ${official.officialCode}` : ''}`;
    plan.rows.push({ line, action: existing ? (same ? 'same' : 'update') : 'create', code, name, detail });
    plan.apply.push({ code, name, type: type as UnitType, parentCode, existingId: existing?.id ?? null, ...official, line });
  }
  plan.errors.push(...loopErrors(repo, plan.apply));
  return plan;
}

/** Every row that the final parent graph (database and file together) makes its own ancestor. */
function loopErrors(repo: UnitsRepo, rows: (ImportedUnit & { line: number })[]): RowError[] {
  const looped = onALoop(finalParents(repo.links(), rows), rows.map((r) => r.code));
  return rows.filter((r) => looped.has(r.code)).map((r) => ({ line: r.line, key: 'staff.import.loop', params: { code: r.code } }));
}

import type { Access } from '../access/access';
import type { AuditLog } from '../audit/audit-log';
import { dmy, vietnamDate } from '../time/vietnam-time';
import { dayBefore, parseLocalDay } from '../units/local-day';
import { createUnitLookup } from '../units/unit-lookup';
import type { UnitRow, UnitsRepo } from '../units/units.repo';
import type { ImportRecord } from './import.parse';
import type { Plan } from './import-plan';

/** One old unit that became `successorId` on `date`; its last valid day is the day before. */
export interface MergerApply { oldId: number; oldCode: string; successorId: number; successorCode: string; date: string; validTo: string }
export const MERGER_COLUMNS = ['old_code', 'new_code', 'date'] as const;
export interface MergersServiceDeps { units: UnitsRepo; audit: AuditLog; now: () => Date }

/**
 * "These old units became this new unit on this date", from the merger page or an import: each
 * unit named by short code or by official code, which the date decides (the old one on the day
 * before, the new one on the day). Recorded, each old unit takes no new responses from the date.
 */
export function createMergersService(d: MergersServiceDeps) {
  const lookup = createUnitLookup(d.units);

  /** One row, or undefined after reporting what is wrong with it (`err` returns nothing). */
  const planOne = (access: Access, fields: Record<string, string>, planned: Map<number, number>, err: (key: string, params?: Record<string, string>) => undefined) => {
    const date = parseLocalDay(fields.date ?? '');
    if (!date) return err('units.mergers.bad_date', { value: fields.date ?? '' });
    const named = (raw: string | undefined, day: string): UnitRow | undefined => {
      const n = lookup((raw ?? '').trim(), day);
      if (!n.ok) err(`units.mergers.unit_${n.key}`, { ...n.params, unit: raw ?? '', day: dmy(day) });
      return n.ok ? n.unit : undefined;
    };
    const old = named(fields.old_code || fields.old, dayBefore(date)), into = named(fields.new_code || fields.new, date);
    if (!old || !into) return;
    if (old.id === into.id) return err('units.mergers.self', { code: old.code });
    if (planned.has(old.id)) return err('units.mergers.twice', { code: old.code });
    if (!access.canMove(old.id)) return err('units.mergers.old_out_of_scope', { code: old.code });
    if (!access.covers(into.id)) return err('units.mergers.new_out_of_scope', { code: into.code });
    if (old.validFrom && old.validFrom >= date) return err('units.mergers.old_starts_after', { code: old.code, day: dmy(old.validFrom) });
    if (into.validTo && into.validTo < date) return err('units.mergers.new_ended', { code: into.code, day: dmy(into.validTo) });
    const next = (id: number) => planned.get(id) ?? d.units.get(id)?.successorId ?? null;
    for (let id: number | null = into.id, hops = 0; id !== null && hops < 100; id = next(id), hops++) {
      if (id === old.id) return err('units.mergers.loop', { code: old.code });
    }
    planned.set(old.id, into.id);
    const validTo = old.validTo && old.validTo < dayBefore(date) ? old.validTo : dayBefore(date);
    return { old, into, apply: { oldId: old.id, oldCode: old.code, successorId: into.id, successorCode: into.code, date, validTo } };
  };

  /** Every row's change, every bad row by its line; nothing written. */
  const plan = (access: Access, records: ImportRecord[]): Plan<MergerApply> => {
    const p: Plan<MergerApply> = { rows: [], errors: [], apply: [] };
    const planned = new Map<number, number>();
    for (const { line, fields } of records) {
      const one = planOne(access, fields, planned, (key, params) => void p.errors.push({ line, key, params }));
      if (!one) continue;
      const same = one.old.successorId === one.into.id && one.old.successorFrom === one.apply.date;
      p.rows.push({ line, action: same ? 'same' : 'merge', code: one.old.code, name: one.old.name, detail: `→ ${one.into.name} (${one.into.code}) · ${dmy(one.apply.date)}` });
      p.apply.push(one.apply);
    }
    return p;
  };

  /** Records a plan without errors and its one audit row; returns how many units it changed. */
  const apply = (access: Access, p: Plan<MergerApply>): number => {
    if (p.errors.length) throw new Error('a merger plan with errors is never applied');
    const today = vietnamDate(d.now());
    const changes = p.apply.filter((_, i) => p.rows[i]!.action !== 'same');
    const details = { units: changes.map((c) => c.oldCode), into: [...new Set(changes.map((c) => c.successorCode))], dates: [...new Set(changes.map((c) => c.date))] };
    d.audit.change({ userId: access.userId, action: 'unit.merge', details, recordIf: () => changes.length > 0 }, () => {
      for (const c of changes) d.units.recordMerger(c.oldId, { successorId: c.successorId, successorFrom: c.date, validTo: c.validTo, deactivate: c.date <= today });
    });
    return changes.length;
  };
  return { plan, apply };
}
export type MergersService = ReturnType<typeof createMergersService>;

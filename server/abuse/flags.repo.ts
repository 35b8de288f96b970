import type { Db } from '../db/open-database';
import { selectionParams, selectionWhere, type SelectionFilter } from '../figures/selection.repo';
import { FLAG_RULE_NAMES, FLAG_RULES, type FlagRule } from './flag-reasons';

export interface FlagFilter extends SelectionFilter { from: string; to: string }
export type FlagCounts = Record<FlagRule, number> & { total: number };

/** Flagged responses of a selection, counted per rule (flag_reasons, migration 017), over the partial index of flagged ones. */
export function createFlagsRepo(db: Db) {
  const perRule = FLAG_RULE_NAMES.map((r) => `coalesce(sum((flag_reasons & ${FLAG_RULES[r]}) <> 0), 0) AS ${r}`).join(', ');
  const byRule = db.prepare<Record<string, unknown>, FlagCounts>(`
    SELECT ${perRule}, count(*) AS total FROM responses
    WHERE flag_reasons <> 0 AND local_date BETWEEN :from AND :to ${selectionWhere({ unit: 'unit_id', service: 'coalesce(service_id, 0)' })}`);
  return {
    byRule: (f: FlagFilter): FlagCounts => byRule.get({ from: f.from, to: f.to, ...selectionParams(f, false) })!,
  };
}
export type FlagsRepo = ReturnType<typeof createFlagsRepo>;

import { FLAG_RULE_NAMES, type FlagRule } from './flag-reasons';
import type { FlagFilter, FlagsRepo } from './flags.repo';

export interface FlagReport { total: number; rules: { rule: FlagRule; n: number }[] }

/**
 * How many responses of a selection each abuse rule flagged, for the dashboard: the rules that
 * flagged any, in a fixed order. A response that broke several rules counts under each, once
 * in the total.
 */
export function createFlagReport(repo: FlagsRepo) {
  const byRule = (f: FlagFilter): FlagReport => {
    const counts = repo.byRule(f);
    return { total: counts.total, rules: FLAG_RULE_NAMES.filter((r) => counts[r] > 0).map((rule) => ({ rule, n: counts[rule] })) };
  };
  return { byRule };
}
export type FlagReportService = ReturnType<typeof createFlagReport>;

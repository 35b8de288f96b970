import type { Tx } from '../db/open-database';
import type { AuditRepo } from './audit.repo';

export interface AuditEntry {
  /** The staff account that acted; null for a failed login, the command line or an API key. */
  userId: number | null;
  /** Dotted, lower case: 'login.failed', 'unit.update', 'export.figures_xlsx'. */
  action: string;
  /** What was acted on, e.g. 'unit:12', 'user:3', 'api_key:5'. */
  target?: string | null;
  /** A few facts worth keeping; secrets are dropped and long values cut. */
  details?: Record<string, unknown> | null;
}

// Never written to the log, whatever a caller passes.
const SECRET = /^(password|confirm|current|next|_csrf|token|key|content)$/i;
const MAX_VALUE = 200;

function clean(details: Record<string, unknown> | null | undefined): string | null {
  if (!details) return null;
  const kept = Object.entries(details)
    .filter(([k, v]) => !SECRET.test(k) && v !== undefined)
    .map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, MAX_VALUE) : Array.isArray(v) ? v.slice(0, 50).map((x) => String(x).slice(0, MAX_VALUE)) : v]);
  return kept.length ? JSON.stringify(Object.fromEntries(kept)) : null;
}

/** An audited change: its target may name what the change created (a new id); `recordIf` says whether it did anything. */
export type ChangeEntry<T> = Omit<AuditEntry, 'target'> & { target?: string | ((result: T) => string); recordIf?: (result: T) => boolean };

/**
 * record(entry): one row, for what changes nothing (a login, an export). change(entry, fn):
 * the change and its audit row in one transaction, so both land or neither does; services
 * make every audited change through it.
 */
export function createAuditLog(repo: AuditRepo, tx: Tx, now: () => Date = () => new Date()) {
  const record = (e: AuditEntry) =>
    repo.insert({ at: now().toISOString(), userId: e.userId, action: e.action, target: e.target ?? null, details: clean(e.details) });
  const change = <T>(e: ChangeEntry<T>, fn: () => T): T =>
    tx(() => {
      const result = fn();
      if (e.recordIf?.(result) !== false) record({ ...e, target: typeof e.target === 'function' ? e.target(result) : e.target });
      return result;
    });
  return { record, change };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
